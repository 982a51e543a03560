package io.bulwark.gateway.scan;

import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Anti-virus module that detects the EICAR anti-malware test file, so that the whole anti-virus
 * path (statuses, actions, Backup, attachment removal) can be exercised without real malware and
 * without an engine. It looks in every decoded MIME part and inside ZIP archives, nested ones
 * included.
 *
 * <p>Detection follows EICAR's definition: the object <em>starts</em> with the 68-byte string and
 * is followed by nothing but whitespace (space, TAB, CR, LF, Ctrl-Z), 128 bytes at most in all.
 * A longer file, a lowercase copy or the string split across two parts is not the test file.
 *
 * <p>Defends against archive bombs with limits on nesting depth, total decompressed bytes,
 * expansion ratio (decompressed bytes over the attachment's size) and entry count; hitting one
 * stops looking inside that attachment and yields NOT_SCANNED with the reason, unless the test
 * file was already found. Encrypted ZIP entries yield ENCRYPTED, damaged archives CORRUPTED.
 * Stateless and thread-safe.
 */
public final class EicarAntiVirus implements Scanner {
    /** Kept in two halves so that this class file itself is not the test string to a scanner. */
    private static final byte[] EICAR = String.join("", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
            "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").getBytes(StandardCharsets.US_ASCII);
    private static final int EICAR_MAX_FILE = 128;
    private static final long RATIO_FLOOR = 1024 * 1024;

    /**
     * Archive limits.
     *
     * @param maxArchiveDepth      archives inside archives, 1 = a ZIP attached directly
     * @param maxDecompressedBytes bytes unpacked per attachment, over all nesting levels
     * @param maxRatio             unpacked bytes per attachment byte, checked past 1 MiB
     * @param maxEntries           entries per attachment, over all nesting levels
     * @param timeLimit            per-message scan time
     */
    public record Limits(int maxArchiveDepth, long maxDecompressedBytes, long maxRatio, int maxEntries,
            Duration timeLimit) {
        /** Commercial-gateway-like defaults (reference notes C: nesting 32 is the engine's ceiling). */
        public static Limits defaults() {
            return new Limits(16, 200L * 1024 * 1024, 200, 10_000, Duration.ofSeconds(180));
        }
    }

    private final Limits limits;

    public EicarAntiVirus(Limits limits) {
        this.limits = limits;
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_VIRUS;
    }

    @Override
    public Duration timeLimit() {
        return limits.timeLimit();
    }

    @Override
    public ModuleVerdict scan(MessageView message, Envelope envelope) throws IOException {
        Findings findings = new Findings();
        for (MessagePart part : message.parts()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IOException("interrupted");
            }
            PartBudget budget = new PartBudget(part.size());
            scanObject(part.openStream(), part, part.filename() == null ? "" : part.filename(), 0, budget, findings);
        }
        List<String> reasons = new ArrayList<>();
        if (!findings.infected.isEmpty()) {
            reasons.addAll(findings.infectedReasons);
            return new ModuleVerdict(module(), ScanStatus.INFECTED, reasons, 0, List.copyOf(findings.infected));
        }
        if (!findings.encrypted.isEmpty()) {
            return new ModuleVerdict(module(), ScanStatus.ENCRYPTED, findings.encryptedReasons, 0,
                    List.copyOf(findings.encrypted));
        }
        if (!findings.corrupted.isEmpty()) {
            return new ModuleVerdict(module(), ScanStatus.CORRUPTED, findings.corruptedReasons, 0,
                    List.copyOf(findings.corrupted));
        }
        reasons.addAll(message.problems());
        reasons.addAll(findings.notScanned);
        if (!reasons.isEmpty()) {
            return new ModuleVerdict(module(), ScanStatus.NOT_SCANNED, reasons, 0, List.of());
        }
        return ModuleVerdict.of(module(), ScanStatus.CLEAN);
    }

    private void scanObject(InputStream in, MessagePart part, String name, int depth, PartBudget budget,
            Findings findings) throws IOException {
        byte[] head = in.readNBytes(EICAR_MAX_FILE + 1);
        if (isEicar(head)) {
            findings.infected(part, name);
            return;
        }
        if (!isZip(head)) {
            return;
        }
        if (depth >= limits.maxArchiveDepth()) {
            findings.notScanned.add("nesting limit: archives nested deeper than " + limits.maxArchiveDepth() + " in "
                    + part.label());
            return;
        }
        ZipInputStream zip = new ZipInputStream(new SequenceInputStream(new ByteArrayInputStream(head), in));
        try {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("interrupted");
                }
                if (++budget.entries > limits.maxEntries()) {
                    throw new LimitException("entry limit: more than " + limits.maxEntries() + " archive entries in "
                            + part.label());
                }
                if (entry.isDirectory()) {
                    continue;
                }
                String entryName = name + "!" + entry.getName();
                InputStream counted = new CountingStream(zip, budget, part);
                scanObject(counted, part, entryName, depth + 1, budget, findings);
                // drain through the counter, so that skipping a bomb's tail is bounded by the limits too
                counted.transferTo(OutputStreamSink.INSTANCE);
            }
        } catch (LimitException e) {
            findings.notScanned.add(e.getMessage());
        } catch (ZipException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("encrypted")) {
                findings.encrypted(part, name);
            } else {
                findings.corrupted(part, name, msg);
            }
        } catch (java.io.EOFException e) {
            findings.corrupted(part, name, "archive ends early");
        }
    }

    static boolean isEicar(byte[] head) {
        if (head.length < EICAR.length || head.length > EICAR_MAX_FILE) {
            return false;
        }
        for (int i = 0; i < EICAR.length; i++) {
            if (head[i] != EICAR[i]) {
                return false;
            }
        }
        for (int i = EICAR.length; i < head.length; i++) {
            byte b = head[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x1a) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Per-attachment accounting over all nesting levels. */
    private static final class PartBudget {
        final long partSize;
        long decompressed;
        int entries;

        PartBudget(long partSize) {
            this.partSize = Math.max(1, partSize);
        }
    }

    private final class CountingStream extends FilterInputStream {
        private final PartBudget budget;
        private final MessagePart part;

        CountingStream(InputStream in, PartBudget budget, MessagePart part) {
            super(in);
            this.budget = budget;
            this.part = part;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public void close() {
            // the ZipInputStream below is shared by all entries and closed by its owner
        }

        private void count(int n) {
            budget.decompressed += n;
            if (budget.decompressed > limits.maxDecompressedBytes()) {
                throw new LimitException("size limit: more than " + limits.maxDecompressedBytes()
                        + " bytes unpacked from " + part.label());
            }
            if (budget.decompressed > RATIO_FLOOR && budget.decompressed / budget.partSize > limits.maxRatio()) {
                throw new LimitException("compression ratio limit: more than " + limits.maxRatio()
                        + ":1 unpacked from " + part.label());
            }
        }
    }

    private static final class LimitException extends RuntimeException {
        LimitException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private static final class Findings {
        final Set<String> infected = new LinkedHashSet<>();
        final List<String> infectedReasons = new ArrayList<>();
        final Set<String> encrypted = new LinkedHashSet<>();
        final List<String> encryptedReasons = new ArrayList<>();
        final Set<String> corrupted = new LinkedHashSet<>();
        final List<String> corruptedReasons = new ArrayList<>();
        final List<String> notScanned = new ArrayList<>();

        void infected(MessagePart part, String name) {
            infected.add(part.path());
            infectedReasons.add("EICAR test file in " + where(part, name));
        }

        void encrypted(MessagePart part, String name) {
            encrypted.add(part.path());
            encryptedReasons.add("encrypted archive entry in " + where(part, name));
        }

        void corrupted(MessagePart part, String name, String why) {
            corrupted.add(part.path());
            corruptedReasons.add("damaged archive in " + where(part, name) + ": " + why);
        }

        private static String where(MessagePart part, String name) {
            return "part " + part.path() + (name.isEmpty() ? "" : " (" + name + ")");
        }
    }
}
