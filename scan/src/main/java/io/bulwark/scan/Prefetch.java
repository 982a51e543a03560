package io.bulwark.scan;

import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import java.util.Optional;

/**
 * What a check sees when the pipeline asks it to start its slow questions early
 * ({@link Check#prefetch(Prefetch)}): with the envelope only (after the last RCPT, while the content
 * is still arriving), with the header block when the gateway has seen it end (the body still
 * arriving), and with the parsed message (at the start of the scan, before dependencies are waited
 * for). The check starts tasks that ask DNS what its run
 * will ask; the pipeline runs them concurrently on its threads and throws their outcomes away.
 * The answers stay in the message's DNS memory ({@link DnsLookup#remembering()}), where the
 * check's run finds them.
 *
 * <p>A prefetch must not decide anything: the verdict comes from {@link Check#run(CheckContext)}
 * alone, which asks its questions as before (and spends the message's DNS budget as before).
 * Confined to one call of {@link Check#prefetch(Prefetch)}; {@link #start(Runnable)} is
 * thread-safe.
 */
public interface Prefetch {

    /** The SMTP envelope and client facts. */
    Envelope envelope();

    /** The parsed message in the last call; empty before, while the content still arrives. */
    Optional<MessageView> message();

    /**
     * The message's header fields, in the one call where they are first known: a call of its own
     * with a view of the header block alone (no body) when the gateway saw the header end while
     * the body still arrived, else the message call (the whole message). Empty in every other call,
     * so a check that needs only header fields (DMARC's From domain, DKIM's signatures) reads this
     * and starts its questions once.
     */
    Optional<MessageView> header();

    /** The message's DNS, without its query budget; what is asked here is remembered for the run. */
    DnsLookup dns();

    /** A shared service, as {@link CheckContext#service(Class)}. */
    <T> T service(Class<T> type);

    /** A service the check can do without, as {@link CheckContext#find(Class)}. */
    <T> Optional<T> find(Class<T> type);

    /**
     * Runs {@code task} concurrently with the others (one virtual thread each). Exceptions are
     * dropped: the check's run asks again. Tasks must be bounded (DNS has its timeout).
     */
    void start(Runnable task);
}
