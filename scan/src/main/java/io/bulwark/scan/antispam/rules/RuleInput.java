package io.bulwark.scan.antispam.rules;

import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.TrustedNetworks;

/**
 * What one rule evaluation reads: the message, its rendered body, the envelope, and the services
 * the built-in evals use. Built once per message; immutable.
 *
 * @param message the parsed message
 * @param text    its body as the engines read it
 * @param envelope the SMTP envelope
 * @param suffixes public suffixes, for comparing organisational domains
 * @param trusted  the node's trusted networks, for finding the untrusted Received hop
 */
public record RuleInput(MessageView message, MessageText text, Envelope envelope, PublicSuffixList suffixes,
        TrustedNetworks trusted) {
}
