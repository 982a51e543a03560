package io.bulwark.gateway.scan;

import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Anti-spam module that recognises GTUBE, the Generic Test for Unsolicited Bulk Email, so that the
 * anti-spam path can be tested end to end without a spam engine.
 *
 * <p>Like SpamAssassin's body rule {@code GTUBE} (score 1000), it matches the string anywhere in
 * the <em>decoded text parts</em> (text/*), not in headers and not in binary attachments, and
 * reports SPAM with score 1000. rspamd's variants, which differ in the first letter, are honoured
 * only when {@code testPatterns} is on, because in production they would let a sender choose a
 * milder outcome for real spam (the same reason rspamd keeps them off by default):
 * {@code YJS...} (add header) and {@code ZJS...} (rewrite subject) give PROBABLE_SPAM,
 * {@code AJS...} (no action) gives NOT_SPAM with a reason. When off, they are ignored, with a
 * reason saying so. Stateless and thread-safe.
 */
public final class GtubeAntiSpam implements Scanner {
    private static final String TAIL = "JS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final byte[] TAIL_BYTES = TAIL.getBytes(StandardCharsets.US_ASCII);
    /** SpamAssassin's score for GTUBE. */
    public static final double GTUBE_SCORE = 1000;

    private final boolean testPatterns;

    /**
     * @param testPatterns whether rspamd's non-reject variants (Y, Z, A) count; off in production
     */
    public GtubeAntiSpam(boolean testPatterns) {
        this.testPatterns = testPatterns;
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_SPAM;
    }

    @Override
    public ModuleVerdict scan(MessageView message, Envelope envelope) {
        boolean spam = false;
        boolean probable = false;
        List<String> reasons = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (MessagePart part : message.parts()) {
            if (!part.isText()) {
                continue;
            }
            byte[] content = part.bytes();
            for (int i = 1; i <= content.length - TAIL_BYTES.length; i++) {
                if (!regionEquals(content, i, TAIL_BYTES)) {
                    continue;
                }
                char variant = (char) content[i - 1];
                switch (variant) {
                    case 'X' -> {
                        spam = true;
                        reasons.add("GTUBE test string in " + part.label());
                    }
                    case 'Y', 'Z' -> {
                        if (testPatterns) {
                            probable = true;
                            reasons.add("GTUBE " + (variant == 'Y' ? "add-header" : "rewrite-subject")
                                    + " test pattern in " + part.label());
                        } else {
                            ignored.add("GTUBE " + variant + "JS variant ignored (test patterns off) in " + part.label());
                        }
                    }
                    case 'A' -> ignored.add("GTUBE no-action test pattern in " + part.label()
                            + (testPatterns ? "" : " (test patterns off)"));
                    default -> {
                        // another letter: not a GTUBE pattern
                    }
                }
            }
        }
        if (spam) {
            return new ModuleVerdict(module(), ScanStatus.SPAM, reasons, GTUBE_SCORE, List.of());
        }
        if (probable) {
            return new ModuleVerdict(module(), ScanStatus.PROBABLE_SPAM, reasons, GTUBE_SCORE / 2, List.of());
        }
        if (message.incomplete()) {
            List<String> why = new ArrayList<>(message.problems());
            why.addAll(ignored);
            return new ModuleVerdict(module(), ScanStatus.NOT_SCANNED, why, 0, List.of());
        }
        return new ModuleVerdict(module(), ScanStatus.NOT_SPAM, ignored, 0, List.of());
    }

    private static boolean regionEquals(byte[] content, int offset, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (content[offset + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
