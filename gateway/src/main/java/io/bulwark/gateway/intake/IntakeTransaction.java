package io.bulwark.gateway.intake;

import io.bulwark.gateway.smtp.MailIntake;
import io.bulwark.gateway.smtp.SessionFacts;
import io.bulwark.scan.message.ClientName;
import io.bulwark.scan.message.Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction on the intake side, from MAIL FROM to the end of DATA: the recipients
 * {@link RecipientAdmission} accepted, then the content through {@link DataIntake}. Its queue id is
 * assigned at MAIL FROM, as Postfix does, so that RCPT refusals are already traceable.
 *
 * <p>Not thread-safe: confined to its SMTP session.
 */
final class IntakeTransaction implements MailIntake.Transaction {
    private final Intake.Stages stages;
    private final String queueId;
    private final String sender;
    private final SessionFacts session;
    private final ClientName clientName;
    private final boolean trusted;
    private final List<String> recipients = new ArrayList<>();
    private int refusals;

    IntakeTransaction(Intake.Stages stages, String queueId, String sender, SessionFacts session,
            ClientName clientName) {
        this.stages = stages;
        this.queueId = queueId;
        this.sender = sender;
        this.session = session;
        this.clientName = clientName;
        this.trusted = stages.admission().isTrusted(session.client());
    }

    @Override
    public int recipientCount() {
        return recipients.size();
    }

    @Override
    public String recipient(String address) {
        switch (stages.admission().admit(session.client(), address)) {
            case RecipientAdmission.Accepted accepted -> {
                recipients.add(accepted.recipient());
                return accepted.reply();
            }
            case RecipientAdmission.Refused refused -> {
                rejected("RCPT", List.of(address), refused.reply());
                return refused.reply();
            }
        }
    }

    @Override
    public void rejected(String stage, List<String> forRecipients, String reply) {
        stages.rejections().record(queueId, sender, clientAddress(), forRecipients, stage, reply,
                Integer.toString(refusals++));
    }

    @Override
    public String data(InputStream content) throws IOException {
        return stages.data().receive(this, content);
    }

    /** Records a refusal of the content for every recipient and returns its reply. */
    String refuseData(String reply) {
        rejected("DATA", List.copyOf(recipients), reply);
        return reply;
    }

    /** The envelope the checks and the decision see. */
    Envelope envelope() {
        return new Envelope(sender, recipients, clientAddress(), session.helo(), clientName, session.tls().protocol(),
                session.tls().cipher(), session.authenticated(), trusted);
    }

    /**
     * Whether this is outgoing mail, to be DKIM-signed at delivery: the client is trusted
     * ({@code mynetworks}) or authenticated (SMTP AUTH).
     */
    boolean outgoing() {
        return trusted || session.authenticated() != null;
    }

    String queueId() {
        return queueId;
    }

    String sender() {
        return sender;
    }

    List<String> recipients() {
        return List.copyOf(recipients);
    }

    SessionFacts session() {
        return session;
    }

    String clientAddress() {
        return session.client().getHostAddress();
    }
}
