package io.bulwark.scan.headers;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.OptionalInt;

/**
 * The anti-spam verdict as a Microsoft Exchange Spam Confidence Level (SCL, 0-9), written to
 * {@code X-MS-Exchange-Organization-SCL} (reference A.3, A.10) so an Exchange server behind the
 * gateway files mail by our judgement: Exchange moves mail whose SCL is above its junk threshold
 * (default 4) to the Junk Email folder.
 *
 * <p>The mapping, from the verdict the recipient group's rule judged (so the rule's thresholds have
 * already decided SPAM and PROBABLE_SPAM):
 * <ul>
 *   <li>SPAM: 6 below rating 80, 7 below 90, 8 below 100, 9 at 100 (high confidence from 7 on);</li>
 *   <li>PROBABLE_SPAM or BLACKLISTED (a block-list or deny-list hit) without SPAM: 5 (junk folder);</li>
 *   <li>otherwise (not spam, mass mailing): 0 below rating 20, else 1;</li>
 *   <li>ERROR and NOT_SCANNED: none (we have no judgement to pass on, Exchange judges itself).</li>
 * </ul>
 * Never -1 ("trusted, bypass filtering"): a sender we did not scan is not one we vouch for.
 * Pure and thread-safe.
 */
public final class SpamConfidenceLevel {
    /** The header Exchange reads. */
    public static final String EXCHANGE_HEADER = "X-MS-Exchange-Organization-SCL";

    private SpamConfidenceLevel() {
    }

    /** The SCL of an anti-spam verdict, or empty when there is no judgement to pass on. */
    public static OptionalInt of(ModuleVerdict verdict) {
        if (verdict.module() != ProtectionModule.ANTI_SPAM || verdict.temporary()
                || verdict.status() == ScanStatus.ERROR || verdict.status() == ScanStatus.NOT_SCANNED) {
            return OptionalInt.empty();
        }
        double rating = verdict.score();
        if (verdict.statuses().contains(ScanStatus.SPAM)) {
            return OptionalInt.of(rating >= 100 ? 9 : rating >= 90 ? 8 : rating >= 80 ? 7 : 6);
        }
        if (verdict.statuses().contains(ScanStatus.PROBABLE_SPAM) || verdict.statuses().contains(ScanStatus.BLACKLISTED)) {
            return OptionalInt.of(5);
        }
        return OptionalInt.of(rating < 20 ? 0 : 1);
    }
}
