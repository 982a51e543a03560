package io.bulwark.scan.antivirus.heuristics;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.Leaf;
import io.bulwark.scan.archive.LeafVisitor;
import io.bulwark.scan.archive.WalkReport;
import io.bulwark.scan.filetype.FileCategory;
import io.bulwark.scan.filetype.FileType;
import io.bulwark.scan.message.MessagePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Anti-virus heuristics: objects that are "probably infected" without matching any signature
 * (reference notes A.1). Defends against the carriers of most mail-borne malware: executables
 * with deceptive names, executables disguised as documents, Office macros, PDFs that run
 * JavaScript or launch programs, and HTML attachments whose script posts a form by itself (the
 * credential-harvesting "login page" attachment).
 *
 * <p>Looks at every object the node's {@link ArchiveWalker} finds (MIME parts and archive entries
 * at any depth; container names too) and reports one symbol per finding, naming the part and the
 * path inside it:
 * <ul>
 *   <li>{@value #DECEPTIVE_DOUBLE_EXTENSION}: {@code invoice.pdf.exe} ({@link DeceptiveNames});</li>
 *   <li>{@value #BIDI_OVERRIDE_NAME}: a name with a right-to-left override or another bidi
 *       control;</li>
 *   <li>{@value #DISGUISED_EXECUTABLE}: executable content whose name claims another category
 *       (an MZ file named {@code scan.pdf}), by the real type of {@code io.bulwark.scan.filetype};</li>
 *   <li>{@value #OFFICE_MACRO}: an OLE2 document or OOXML package with a VBA project
 *       ({@link OfficeMacros}); it implies no status by itself: the rule's
 *       {@code macros-probably-infected} option decides (see the anti-virus judge);</li>
 *   <li>{@value #PDF_JAVASCRIPT} and {@value #PDF_LAUNCH} ({@link PdfActions});</li>
 *   <li>{@value #HTML_AUTO_SUBMIT}: an attached HTML file with a form and a script that submits
 *       it.</li>
 * </ul>
 * Fails like the walker: a limit or an unreadable format with nothing found is SKIPPED with the
 * reasons (NOT_SCANNED), never CLEAN. Stateless and thread-safe; needs the {@link ArchiveWalker}.
 */
public final class HeuristicsCheck implements Check {
    public static final String DECEPTIVE_DOUBLE_EXTENSION = "DECEPTIVE_DOUBLE_EXTENSION";
    public static final String BIDI_OVERRIDE_NAME = "BIDI_OVERRIDE_NAME";
    public static final String DISGUISED_EXECUTABLE = "DISGUISED_EXECUTABLE";
    public static final String OFFICE_MACRO = "OFFICE_MACRO";
    public static final String PDF_JAVASCRIPT = "PDF_JAVASCRIPT";
    public static final String PDF_LAUNCH = "PDF_LAUNCH";
    public static final String HTML_AUTO_SUBMIT = "HTML_AUTO_SUBMIT";

    /** Bytes of an HTML attachment that are searched for an auto-submitting form. */
    static final int HTML_MAX_BYTES = 1024 * 1024;
    private static final int HEAD = 1024;
    private static final Pattern FORM = Pattern.compile("<form[\\s>]");
    private static final Pattern SCRIPT = Pattern.compile("<script[\\s>]|\\son(load|pageshow|focus)\\s*=");
    private static final Pattern SUBMIT = Pattern.compile("\\.submit\\s*\\(|requestsubmit\\s*\\(");

    @Override
    public String name() {
        return "heuristics";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_VIRUS;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        ScanStatus probably = ScanStatus.PROBABLY_INFECTED;
        ProtectionModule av = ProtectionModule.ANTI_VIRUS;
        return List.of(
                new SymbolDefinition(DECEPTIVE_DOUBLE_EXTENSION, av, 0, probably,
                        "an executable named with a decoy extension in front (invoice.pdf.exe)"),
                new SymbolDefinition(BIDI_OVERRIDE_NAME, av, 0, probably,
                        "a file name with a right-to-left override or another bidi control that disguises its extension"),
                new SymbolDefinition(DISGUISED_EXECUTABLE, av, 0, probably,
                        "executable content under a name of another type"),
                new SymbolDefinition(OFFICE_MACRO, av, 0, null,
                        "an Office document with a VBA macro project (probably infected where the rule says so)"),
                new SymbolDefinition(PDF_JAVASCRIPT, av, 0, probably, "a PDF that contains JavaScript"),
                new SymbolDefinition(PDF_LAUNCH, av, 0, probably, "a PDF with a launch action that starts a program"),
                new SymbolDefinition(HTML_AUTO_SUBMIT, av, 0, probably,
                        "an HTML attachment whose script submits a form by itself"));
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        Set<String> attachments = context.message().parts().stream().filter(MessagePart::attachment)
                .map(MessagePart::path).collect(Collectors.toSet());
        List<Symbol> found = new ArrayList<>();
        WalkReport walk = context.service(ArchiveWalker.class).walk(context.message(), new LeafVisitor() {
            @Override
            public boolean visit(Leaf leaf) throws IOException {
                names(leaf, found);
                content(leaf, leaf.depth() > 0 || attachments.contains(leaf.partPath()), found);
                return true;
            }

            @Override
            public boolean container(Leaf container) {
                names(container, found);
                return true;
            }
        });
        List<String> notScanned = new ArrayList<>();
        for (WalkReport.Notice n : walk.notices()) {
            if (n.kind() == WalkReport.Kind.LIMIT || n.kind() == WalkReport.Kind.UNSUPPORTED_FORMAT) {
                notScanned.add(n.reason());
            }
        }
        if (!found.isEmpty()) {
            return CheckResult.found(found);
        }
        return notScanned.isEmpty() ? CheckResult.clean() : CheckResult.skipped(String.join("; ", notScanned));
    }

    /** The name findings of one object. */
    static void names(Leaf leaf, List<Symbol> found) {
        String name = leaf.name();
        String bidi = DeceptiveNames.bidiControl(name);
        if (bidi != null) {
            found.add(Symbol.of(BIDI_OVERRIDE_NAME, "file name with the bidi control " + bidi + " in "
                    + leaf.location(), leaf.partPath()));
        }
        String twice = DeceptiveNames.doubleExtension(name);
        if (twice != null) {
            found.add(Symbol.of(DECEPTIVE_DOUBLE_EXTENSION, "executable with the double extension ." + twice + " in "
                    + leaf.location(), leaf.partPath()));
        }
        FileType byName = leaf.nameType();
        // the name first: a leaf whose name claims nothing (inline text) needs no content detection
        if (!byName.equals(FileType.UNKNOWN) && byName.category() != FileCategory.EXECUTABLES
                && byName.category() != FileCategory.OTHER && leaf.type().category() == FileCategory.EXECUTABLES) {
            found.add(Symbol.of(DISGUISED_EXECUTABLE, "executable (" + leaf.type().mediaType() + ") named as "
                    + byName.mediaType() + " in " + leaf.location(), leaf.partPath()));
        }
    }

    /** The content findings of one leaf. */
    static void content(Leaf leaf, boolean attachment, List<Symbol> found) throws IOException {
        InputStream in = leaf.content();
        byte[] head = in.readNBytes(HEAD);
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
        if (OfficeMacros.isOle2(head)) {
            if (Boolean.TRUE.equals(OfficeMacros.hasVbaProject(whole))) {
                found.add(Symbol.of(OFFICE_MACRO, "Office document with a VBA macro project in " + leaf.location(),
                        leaf.partPath()));
            }
        } else if (PdfActions.isPdf(head)) {
            Set<PdfActions.Action> actions = PdfActions.find(whole);
            String onOpen = actions.contains(PdfActions.Action.OPEN_ACTION) ? " and an open action" : "";
            if (actions.contains(PdfActions.Action.JAVASCRIPT)) {
                found.add(Symbol.of(PDF_JAVASCRIPT, "PDF with JavaScript" + onOpen + " in " + leaf.location(),
                        leaf.partPath()));
            }
            if (actions.contains(PdfActions.Action.LAUNCH)) {
                found.add(Symbol.of(PDF_LAUNCH, "PDF with a launch action" + onOpen + " in " + leaf.location(),
                        leaf.partPath()));
            }
        } else if (attachment && isHtml(leaf)) {
            String text = new String(whole.readNBytes(HTML_MAX_BYTES), StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
            if (FORM.matcher(text).find() && SCRIPT.matcher(text).find() && SUBMIT.matcher(text).find()) {
                found.add(Symbol.of(HTML_AUTO_SUBMIT, "HTML attachment whose script submits a form by itself in "
                        + leaf.location(), leaf.partPath()));
            }
        }
    }

    private static boolean isHtml(Leaf leaf) {
        String type = leaf.type().mediaType();
        String ext = DeceptiveNames.extension(leaf.name());
        return type.equals("text/html") || type.equals("application/xhtml+xml") || ext.equals("htm")
                || ext.equals("html") || ext.equals("shtml") || ext.equals("xhtml");
    }
}
