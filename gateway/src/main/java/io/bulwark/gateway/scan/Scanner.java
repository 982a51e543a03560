package io.bulwark.gateway.scan;

import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import java.time.Duration;

/**
 * One protection module's scanner: a small, pure unit that looks at a read-only view of the
 * message and its envelope and reports what it found (STYLE.md 10-13). It never changes the
 * message and never decides what happens to it: the rule does, from the verdict's status.
 *
 * <p>Implementations must be thread-safe (one instance scans many messages at once, each on its
 * own virtual thread), should check {@link Thread#isInterrupted()} in long loops (the pipeline
 * interrupts a scanner that overruns {@link #timeLimit()}), and report limits they hit as
 * NOT_SCANNED with a reason rather than throwing. An exception or a timeout becomes ERROR.
 */
public interface Scanner {
    /** The module whose verdict this scanner produces. */
    ProtectionModule module();

    /** Longest time one scan may take before the pipeline gives up with ERROR. */
    default Duration timeLimit() {
        return Duration.ofSeconds(30);
    }

    /** Scans one message. */
    ModuleVerdict scan(MessageView message, Envelope envelope) throws Exception;

    /** The same scanner under another time limit (configuration: {@code bulwark.scan.timeout}). */
    static Scanner limitedTo(Scanner scanner, Duration timeLimit) {
        return new Scanner() {
            @Override
            public ProtectionModule module() {
                return scanner.module();
            }

            @Override
            public Duration timeLimit() {
                return timeLimit;
            }

            @Override
            public ModuleVerdict scan(MessageView message, Envelope envelope) throws Exception {
                return scanner.scan(message, envelope);
            }
        };
    }
}
