package io.bulwark.events.scan;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;

/**
 * The gateway accepted a message (answered 250) but, by policy, does not deliver it to some or all
 * of its recipients: their rule said Delete message, or Reject while other recipients of the same
 * message were accepted (an SMTP reply cannot reject only some of them after DATA). A terminal
 * state of those recipients, as a delivery or a bounce is for others; no DSN is sent (backscatter).
 *
 * @param message the message, restricted to the recipients it was deleted for
 * @param ruleId  the rule that decided
 * @param ruleName its name at the time
 * @param reason  why, e.g. "ANTI_VIRUS INFECTED -> DELETE_MESSAGE (EICAR test file in part 2)"
 * @param at      when the decision was made
 */
@EventRevision("1")
public record MessageDeletedEvent(MessageRef message, String ruleId, String ruleName, String reason, Instant at) {
}
