package io.bulwark.scan.archive;

import io.bulwark.scan.message.MessageView;
import java.io.InterruptedIOException;

/**
 * Walks every decoded MIME part of a message and, inside it, nested containers (zip, gzip, tar,
 * bzip2, xz, 7z, attached {@code .eml} messages), handing each leaf object to a
 * {@link LeafVisitor}. One shared instance per node (a {@link io.bulwark.scan.ScanServices}
 * service), used by the anti-virus engines and, later, content filtering, so that archive bomb
 * limits live in one place and not in every engine.
 *
 * <p>Every limit ({@link ArchiveLimits}: nesting depth, total unpacked bytes, per-entry compression
 * ratio, entry count) ends the walk of the part that hit it with a {@link WalkReport.Notice} of
 * kind LIMIT and a reason, never with an exception, an endless loop or a heap full of inflated
 * bytes. Encrypted entries, formats that are recognised but not unpacked (RAR) and damaged
 * containers are reported as notices too.
 *
 * <p>Implementations are thread-safe; one walk is confined to the calling thread.
 */
public interface ArchiveWalker {

    /**
     * Walks the message's parts and their contents in document order.
     *
     * @throws InterruptedIOException when the calling thread is interrupted (the pipeline's
     *                                time limit); the walk stops at once
     */
    WalkReport walk(MessageView message, LeafVisitor visitor) throws InterruptedIOException;
}
