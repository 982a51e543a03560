package io.bulwark.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A window of corpus messages held in memory already in SMTP wire form (CR LF line ends,
 * dot-stuffed, terminated by {@code .} CR LF), so that preparing a message costs nothing while
 * the clock runs.
 */
public final class Corpus {
    /** One message: its file name and the exact bytes sent after the 354 reply. */
    public record Message(String name, byte[] wire) {
    }

    private final List<Message> messages;

    private Corpus(List<Message> messages) {
        this.messages = List.copyOf(messages);
    }

    /** The {@code .eml} files of {@code dir}, sorted by name (the corpus order). */
    public static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .eml files in " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads at most {@code count} distinct files starting at the {@code offset}-th one, wrapping
     * around; each repetition of a benchmark takes its own window so caches see new mail.
     */
    public static Corpus load(Path dir, long offset, int count) {
        List<Path> files = files(dir);
        int n = Math.max(1, Math.min(count, files.size()));
        List<Message> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Path p = files.get((int) ((offset + i) % files.size()));
            try {
                out.add(new Message(p.getFileName().toString(), toWire(Files.readAllBytes(p))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Corpus(out);
    }

    /** Wraps already prepared messages (tests and in-memory corpora). */
    public static Corpus of(List<Message> messages) {
        return new Corpus(messages);
    }

    /** The {@code i}-th message of an endless cycle over the window. */
    public Message get(long i) {
        return messages.get((int) (i % messages.size()));
    }

    /** Number of distinct messages in the window. */
    public int size() {
        return messages.size();
    }

    /** Sum of the wire sizes of the distinct messages. */
    public long bytes() {
        long b = 0;
        for (Message m : messages) {
            b += m.wire().length;
        }
        return b;
    }

    /**
     * Converts a stored message (LF or CR LF line ends) to what goes on the wire after DATA:
     * every line ends in CR LF, a leading dot is doubled (RFC 5321 4.5.2), and the body ends with
     * the {@code .} line. A lone mbox {@code From } separator line at the top is dropped.
     */
    public static byte[] toWire(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 32 + 8);
        int start = 0;
        if (raw.length > 5 && raw[0] == 'F' && raw[1] == 'r' && raw[2] == 'o' && raw[3] == 'm' && raw[4] == ' ') {
            while (start < raw.length && raw[start] != '\n') {
                start++;
            }
            start++;
        }
        int lineStart = start;
        for (int i = start; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '\n') {
                int end = i;
                if (end > lineStart && raw[end - 1] == '\r') {
                    end--;
                }
                if (i == raw.length && end == lineStart) {
                    break; // no empty line after the final newline
                }
                if (end > lineStart && raw[lineStart] == '.') {
                    out.write('.');
                }
                out.write(raw, lineStart, end - lineStart);
                out.write('\r');
                out.write('\n');
                lineStart = i + 1;
            }
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
