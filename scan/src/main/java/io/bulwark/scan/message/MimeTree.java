package io.bulwark.scan.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A message parsed by Apache James mime4j into its entity tree, with the leaves numbered the way
 * {@link MessagePart} describes. Both the scanners' view and the message transformation number
 * parts through this class, so that "part 2.1" means the same entity to both.
 *
 * <p>Bodies are kept encoded ({@code contentDecoding=false}): the transformation writes untouched
 * parts back byte for byte, and decoding for scanners happens under the size limit in
 * {@link MessageViewParser}. Not thread-safe (mime4j's tree is mutable); each use parses afresh.
 */
public final class MimeTree {
    private final Message message;
    private final List<Leaf> leaves;
    private final List<String> problems;

    /**
     * One leaf entity and its number.
     *
     * @param path  IMAP-style number
     * @param entity the mime4j entity (headers and encoded body)
     * @param depth nesting depth (0 for the message itself)
     */
    public record Leaf(String path, Entity entity, int depth) {
    }

    private MimeTree(Message message, List<Leaf> leaves, List<String> problems) {
        this.message = message;
        this.leaves = leaves;
        this.problems = problems;
    }

    /**
     * Parses the raw message. Never throws for malformed input: mime4j runs leniently, and what it
     * cannot take (or a limit) becomes a problem.
     *
     * @throws MimeTreeException only when mime4j cannot produce any tree at all
     */
    public static MimeTree parse(byte[] raw, MimeLimits limits) {
        MimeConfig config = MimeConfig.custom()
                .setMaxLineLen(-1)
                .setMaxHeaderLen(-1)
                .setMaxHeaderCount(limits.maxHeaderFields())
                .setMaxContentLen(-1)
                .setStrictParsing(false)
                .build();
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(config);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        builder.setContentDecoding(false);
        Message message;
        try {
            message = builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException | RuntimeException e) {
            throw new MimeTreeException("corrupted: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        List<Leaf> leaves = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        walk(message, "", 0, limits, leaves, problems);
        return new MimeTree(message, leaves, problems);
    }

    private static void walk(Entity entity, String path, int depth, MimeLimits limits, List<Leaf> leaves,
            List<String> problems) {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart || body instanceof Message) {
            if (depth >= limits.maxDepth()) {
                problems.add("nesting limit: more than " + limits.maxDepth() + " levels at part "
                        + (path.isEmpty() ? "1" : path));
                return;
            }
        }
        if (body instanceof Multipart multipart) {
            List<Entity> children = multipart.getBodyParts();
            for (int i = 0; i < children.size(); i++) {
                if (leaves.size() >= limits.maxParts()) {
                    problems.add("part limit: more than " + limits.maxParts() + " parts");
                    return;
                }
                walk(children.get(i), path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1), depth + 1,
                        limits, leaves, problems);
            }
        } else if (body instanceof Message attached && !path.isEmpty()) {
            // an attached message/rfc822: its body's parts are numbered below this part
            if (attached.getBody() instanceof Multipart) {
                walk(attached, path, depth + 1, limits, leaves, problems);
            } else {
                leaves.add(new Leaf(path, attached, depth + 1));
            }
        } else {
            if (leaves.size() >= limits.maxParts()) {
                problems.add("part limit: more than " + limits.maxParts() + " parts");
                return;
            }
            leaves.add(new Leaf(path.isEmpty() ? "1" : path, entity, depth));
        }
    }

    /** The parsed message (mutable mime4j tree; only the transformation changes it). */
    public Message message() {
        return message;
    }

    /** The numbered leaves in document order. */
    public List<Leaf> leaves() {
        return leaves;
    }

    /** Limits hit while numbering. */
    public List<String> problems() {
        return problems;
    }

    /** Thrown when mime4j cannot parse the message at all. */
    public static final class MimeTreeException extends RuntimeException {
        MimeTreeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
