package io.bulwark.gateway.intake;

import io.bulwark.gateway.backup.BackupSink;
import io.bulwark.gateway.policy.DataPhaseProcessor;
import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.pipeline.CheckPipeline;

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

        /**
         * Starts what can start before the content has arrived (the scan's DNS questions); the
         * handle goes to {@link #process(byte[], Envelope, CheckPipeline.Early)}. Default: nothing.
         */
        default CheckPipeline.Early prefetch(Envelope envelope) {
            return null;
        }

        /** {@link #process(byte[], Envelope)} with the message's early start ({@code early} may be null). */
        default DataPhaseResult process(byte[] rawMessage, Envelope envelope, CheckPipeline.Early early) {
            return process(rawMessage, envelope);
        }

        /** The application's processor, early start included. */
        static Processor of(DataPhaseProcessor processor) {
            return new Processor() {
                @Override
                public DataPhaseResult process(byte[] rawMessage, Envelope envelope) {
                    return processor.process(rawMessage, envelope);
                }

                @Override
                public CheckPipeline.Early prefetch(Envelope envelope) {
                    return processor.prefetch(envelope);
                }

                @Override
                public DataPhaseResult process(byte[] rawMessage, Envelope envelope, CheckPipeline.Early early) {
                    return processor.process(rawMessage, envelope, early);
                }
            };
        }
    }
}
