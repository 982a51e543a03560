package io.bulwark.gateway.intake;

import io.bulwark.gateway.backup.BackupSink;
import io.bulwark.gateway.policy.DataPhaseProcessor;
import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.scan.message.Envelope;

/**
 * What DATA needs to judge a message before answering it. Immutable.
 *
 * @param processor scan and decision; in the application {@link DataPhaseProcessor#process}
 * @param policy    whether the policy is loaded (the processor reads the snapshot itself)
 * @param backup    where Backup copies go
 * @param hold      asked before each commit whether the message is held (Anti-Spam Quarantine)
 */
public record Judging(Processor processor, GatewayPolicy policy, BackupSink backup, HoldGate hold) {

    public Judging {
        hold = hold == null ? HoldGate.NONE : hold;
    }

    /** Judging without a quarantine. */
    public Judging(Processor processor, GatewayPolicy policy, BackupSink backup) {
        this(processor, policy, backup, HoldGate.NONE);
    }

    /** Scans and decides one message: {@link DataPhaseProcessor#process(byte[], Envelope)}. Thread-safe. */
    @FunctionalInterface
    public interface Processor {
        /**
         * @param rawMessage the message as received, without our Received header; not changed
         *                   afterwards, so the result may keep windows on it
         */
        DataPhaseResult process(byte[] rawMessage, Envelope envelope);
    }
}
