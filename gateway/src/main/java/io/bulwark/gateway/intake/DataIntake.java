package io.bulwark.gateway.intake;

import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.flow.InFlowControl;
import io.bulwark.gateway.smtp.MailIntake;
import io.bulwark.gateway.smtp.SessionFacts;
import io.bulwark.gateway.spool.BodyInfo;
import io.bulwark.gateway.spool.MessageTooLargeException;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolListener;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.scan.pipeline.CheckPipeline;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DATA phase on the intake side (ARCHITECTURE.md, "Message lifecycle" 2-5): prepends our
 * Received header, streams the content into the {@link Spool} (fsync) while {@link HopCounter}
 * counts hops, refuses a loop, has the message judged ({@link MessageJudgement}), commits the spool
 * entry and only then answers 250. Events are appended after the commit without waiting: the
 * spool, not the event store, makes an accepted message durable (start-up recovery re-appends
 * them idempotently).
 *
 * <p>The content is read to its end whatever the outcome, so the session stays in step with the
 * client; a client that goes away or stalls leaves nothing behind.
 *
 * <p>Thread-safe: shared by all sessions.
 */
final class DataIntake {
    private static final Logger log = LoggerFactory.getLogger(DataIntake.class);
    private static final String WRITE_ERROR = "451 4.3.0 Error: queue file write error";
    /** Header blocks longer than this are not handed to the scan early (it asks when it starts). */
    private static final int HEADER_HANDOVER_LIMIT = 256 * 1024;

    private final Spool spool;
    private final MessageJudgement judgement;
    private final MessageEventPublisher events;
    private final SpoolListener listener;
    private final IntakeSettings settings;
    private final Judging judging;

    private final InFlowControl inFlow;

    DataIntake(Spool spool, MessageJudgement judgement, MessageEventPublisher events, SpoolListener listener,
            IntakeSettings settings, Judging judging, InFlowControl inFlow) {
        this.judging = judging;
        this.inFlow = inFlow;
        this.spool = spool;
        this.judgement = judgement;
        this.events = events;
        this.listener = listener;
        this.settings = settings;
    }

    /** Spools, judges and commits the content of {@code tx}; returns the reply to the end of data. */
    String receive(IntakeTransaction tx, InputStream content) throws IOException {
        // in flight from here until the reply: spooling, judging and the commit count against delivery
        try (InFlowControl.Admission admission = admit(tx.queueId())) {
            // the scan's DNS questions start now, while the content is still on its way
            CheckPipeline.Early early = judging.processor().prefetch(tx.envelope());
            try {
                return receive(tx, content, early);
            } finally {
                if (early != null) {
                    // refused, failed or judged: what the prefetch still does is for nobody
                    early.cancel();
                }
            }
        }
    }

    private String receive(IntakeTransaction tx, InputStream content, CheckPipeline.Early early) throws IOException {
        String queueId = tx.queueId();
        SessionFacts session = tx.session();
        List<String> recipients = tx.recipients();
        byte[] received = ReceivedHeader.build(session.helo(), session.client(), session.hostname() != null ? session.hostname() : settings.hostname(), session.tls(),
                queueId, recipients.size() == 1 ? recipients.getFirst() : null, settings.clock().instant());
        // and those the header fields name (DMARC, DKIM) as soon as the header block has passed
        HopCounter hops = early == null ? new HopCounter(content)
                : new HopCounter(content, early::header, HEADER_HANDOVER_LIMIT);
        BodyInfo body;
        IntakeFlightEvents.Stage spooling = IntakeFlightEvents.begin("spool", queueId);
        try {
            body = spool.writeBody(queueId, received, hops,
                    session.maxMessageSize() > 0 ? session.maxMessageSize() : settings.maxMessageSize());
            IntakeFlightEvents.end(spooling);
        } catch (MessageTooLargeException e) {
            return tx.refuseData("552 5.3.4 Error: message size exceeds fixed limit");
        } catch (IOException e) {
            if (MailIntake.isClientFailure(e)) {
                throw e; // the session ends or answers it; the spool removed the partial body
            }
            log.error("{}: cannot write the spool", queueId, e);
            return tx.refuseData(WRITE_ERROR);
        }
        if (hops.exceeds(settings.hopCountLimit())) {
            spool.discardBody(queueId); // not judged: no variant files
            return tx.refuseData("554 5.4.6 Too many hops");
        }
        MessageJudgement.Outcome outcome;
        IntakeFlightEvents.Stage judgingStage = IntakeFlightEvents.begin("judge", queueId);
        try {
            outcome = judgement.judge(tx, body, received, early);
            IntakeFlightEvents.end(judgingStage);
        } catch (IOException e) {
            spool.discard(queueId);
            log.error("{}: cannot write the spool", queueId, e);
            return tx.refuseData(WRITE_ERROR);
        }
        return switch (outcome) {
            case MessageJudgement.Refused refused -> refused.reply();
            case MessageJudgement.Accepted accepted -> {
                IntakeFlightEvents.Stage committing = IntakeFlightEvents.begin("commit", queueId);
                String reply = commit(tx, body, accepted, received.length);
                IntakeFlightEvents.end(committing);
                yield reply;
            }
        };
    }

    /**
     * Waits its turn while too much mail is in flight (in_flow_delay, ADR 0049): before anything is
     * spooled, so a paused message costs nothing but its session; the content waits in the socket.
     */
    private InFlowControl.Admission admit(String queueId) throws IOException {
        try {
            InFlowControl.Admission admission = inFlow.admit();
            if (admission.pace() == InFlowControl.Pace.TIMED_OUT) {
                log.debug("{}: delivery still behind after the in-flow delay; taking the message in", queueId);
            }
            return admission;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing intake");
        }
    }

    private String commit(IntakeTransaction tx, BodyInfo body, MessageJudgement.Accepted accepted,
            int prefixLength) {
        String queueId = tx.queueId();
        SessionFacts session = tx.session();
        Instant committedAt = settings.clock().instant();
        SpoolMetadata metadata = new SpoolMetadata(SpoolMetadata.FORMAT_VERSION, queueId, settings.nodeId(),
                tx.sender(), accepted.states(), tx.clientAddress(), session.helo(), session.tls().protocol(),
                session.tls().cipher(), body.messageId(), body.sizeBytes(), body.sha256(), body.eightBit(),
                committedAt, 0, committedAt, false, accepted.variants(), accepted.scan(), tx.outgoing());
        HoldGate.Hold hold;
        try {
            // durable before the commit: a message answered 250 is never delivered past its hold
            hold = judging.hold().beforeCommit(metadata, accepted.result(), tx.envelope(), prefixLength);
        } catch (IOException | RuntimeException e) {
            spool.discard(queueId);
            log.error("{}: cannot record the Anti-Spam Quarantine hold", queueId, e);
            return tx.refuseData(WRITE_ERROR);
        }
        try {
            spool.commit(metadata);
        } catch (IOException e) {
            hold.abandoned();
            spool.discard(queueId);
            log.error("{}: cannot commit the spool entry", queueId, e);
            return tx.refuseData(WRITE_ERROR);
        }
        log.info("{}: from=<{}> to={} size={} client={} tls={} message-id=<{}>", queueId, tx.sender(),
                tx.recipients(), body.sizeBytes(), tx.clientAddress(), session.tls().protocol(), body.messageId());
        events.received(metadata);
        hold.committed();
        listener.committed(metadata);
        return "250 2.0.0 Ok: queued as " + queueId;
    }
}
