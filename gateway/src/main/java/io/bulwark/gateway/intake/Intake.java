package io.bulwark.gateway.intake;

import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.flow.InFlowControl;
import io.bulwark.gateway.smtp.MailIntake;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolListener;
import io.bulwark.scan.message.ClientName;
import java.net.InetAddress;

/**
 * The intake stage: what the SMTP listener hands each session to ({@link MailIntake}). It joins
 * three units: {@link RecipientAdmission} at RCPT, {@link DataIntake} (spool, {@link HopCounter},
 * {@link MessageJudgement}, commit) at DATA, and {@link ClientNames} for the envelope's client
 * name; refusals are recorded as events. The protocol stays in {@code smtp}, which knows none of
 * these.
 *
 * <p>Lifecycle: one per node, built at start-up. Thread-safe; each session's connection and
 * transactions are confined to that session.
 */
public final class Intake implements MailIntake {
    private final QueueIdGenerator queueIds;
    private final Stages stages;
    private final ClientNames clientNames;

    /** The units a transaction goes through. */
    record Stages(RecipientAdmission admission, DataIntake data, Rejections rejections) {
    }

    /**
     * What the DATA phase writes to and tells.
     *
     * @param spool    where bodies and entries are written
     * @param events   where received, rejected and scanned messages are recorded
     * @param listener told of each committed entry (the delivery scheduler)
     * @param inFlow   slows intake down while delivery is behind ({@link InFlowControl})
     */
    public record Durability(Spool spool, MessageEventPublisher events, SpoolListener listener,
            InFlowControl inFlow) {

        /** Without flow control. */
        public Durability(Spool spool, MessageEventPublisher events, SpoolListener listener) {
            this(spool, events, listener, InFlowControl.off());
        }
    }

    public Intake(QueueIdGenerator queueIds, RecipientAdmission admission, Judging judging, ClientNames clientNames,
            Durability durability, IntakeSettings settings) {
        this.queueIds = queueIds;
        this.clientNames = clientNames;
        MessageJudgement judgement = new MessageJudgement(durability.spool(), judging, durability.events(), settings);
        this.stages = new Stages(admission,
                new DataIntake(durability.spool(), judgement, durability.events(), durability.listener(), settings,
                        judging, durability.inFlow()),
                new Rejections(durability.events(), settings.nodeId(), settings.clock()));
    }

    @Override
    public boolean isTrusted(InetAddress client) {
        return stages.admission().isTrusted(client);
    }

    @Override
    public Connection connected(InetAddress client) {
        ClientName name = clientNames.of(client); // one lookup per session, only if a check asks
        return (session, sender) -> new IntakeTransaction(stages, queueIds.next(), sender, session, name);
    }
}
