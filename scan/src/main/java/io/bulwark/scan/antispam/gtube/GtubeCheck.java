package io.bulwark.scan.antispam.gtube;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.message.MessagePart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Anti-spam check that recognises GTUBE, the Generic Test for Unsolicited Bulk Email, so the
 * anti-spam path can be tested end to end without a spam engine.
 *
 * <p>Like SpamAssassin's body rule {@code GTUBE}, it matches the string anywhere in the
 * <em>decoded text parts</em> (text/*), not in headers and not in binary attachments. It reports
 * the symbol {@code GTUBE}, whose default weight 100 puts the anti-spam rating at the top of the
 * 0-100 scale, so the message is SPAM under any spam threshold (SpamAssassin's 1000 belongs to
 * another scale). rspamd's variants, which differ in the first letter, are honoured only when
 * {@code testPatterns} is on, because in production they would let a sender choose a milder
 * outcome for real spam (the reason rspamd keeps them off by default): {@code YJS...} (add header)
 * and {@code ZJS...} (rewrite subject) report {@code GTUBE_TEST_VARIANT}, weight 50, which is
 * PROBABLE_SPAM under the default thresholds; {@code AJS...} (no action) is clean with a remark.
 * When off, the variants are ignored with a remark saying so.
 *
 * <p>Stateless and thread-safe; needs no service.
 */
public final class GtubeCheck implements Check {
    /** Symbol of the GTUBE string. */
    public static final String GTUBE = "GTUBE";
    /** Symbol of rspamd's add-header and rewrite-subject variants (test patterns only). */
    public static final String GTUBE_TEST_VARIANT = "GTUBE_TEST_VARIANT";

    private static final String TAIL = "JS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final byte[] TAIL_BYTES = TAIL.getBytes(StandardCharsets.US_ASCII);

    private final boolean testPatterns;

    /**
     * @param testPatterns whether rspamd's non-reject variants (Y, Z, A) count; off in production
     */
    public GtubeCheck(boolean testPatterns) {
        this.testPatterns = testPatterns;
    }

    @Override
    public String name() {
        return "gtube";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_SPAM;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition(GTUBE, ProtectionModule.ANTI_SPAM, 100, null,
                        "the GTUBE anti-spam test string in a text part"),
                new SymbolDefinition(GTUBE_TEST_VARIANT, ProtectionModule.ANTI_SPAM, 50, null,
                        "rspamd's add-header or rewrite-subject GTUBE variant (test patterns only)"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<Symbol> found = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (MessagePart part : context.message().parts()) {
            if (!part.isText()) {
                continue;
            }
            // the tail after the variant letter, found in place (the part's bytes are not copied)
            for (int i = part.indexOf(TAIL_BYTES, 1); i > 0; i = part.indexOf(TAIL_BYTES, i + 1)) {
                char variant = (char) part.byteAt(i - 1);
                switch (variant) {
                    case 'X' -> found.add(Symbol.of(GTUBE, "GTUBE test string in " + part.label(), part.path()));
                    case 'Y', 'Z' -> {
                        if (testPatterns) {
                            found.add(Symbol.of(GTUBE_TEST_VARIANT, "GTUBE " + (variant == 'Y' ? "add-header"
                                    : "rewrite-subject") + " test pattern in " + part.label(), part.path()));
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
        if (!found.isEmpty()) {
            return CheckResult.found(found);
        }
        if (context.message().incomplete()) {
            List<String> why = new ArrayList<>(context.message().problems());
            why.addAll(ignored);
            return CheckResult.skipped(String.join("; ", why));
        }
        return ignored.isEmpty() ? CheckResult.clean() : CheckResult.clean(String.join("; ", ignored));
    }
}
