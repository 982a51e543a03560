package io.bulwark.console.setup;

import java.util.List;

/**
 * The three ways to put the gateway into a mail infrastructure, as the reference's Quick Setup
 * Wizard offers them, each with the steps it asks for (the summary last).
 */
public enum IntegrationMode {
    /** Internet ⇄ gateway ⇄ mail servers: local domains, routing to the servers, trusted networks. */
    DIRECT("Direct: from the Internet to your mail server",
            List.of(SetupStep.RELAY_DOMAINS, SetupStep.TRANSPORT_MAP, SetupStep.MYNETWORKS, SetupStep.SUMMARY)),
    /**
     * Internet → edge gateway → this gateway → mail servers, and back through the edge; this gateway
     * verifies recipients at RCPT time by asking the mail server, so the edge can reject early.
     */
    EDGE_WITH_VERIFICATION("Behind an edge gateway, with SMTP recipient verification",
            List.of(SetupStep.RELAY_DOMAINS, SetupStep.TRANSPORT_MAP, SetupStep.RELAYHOST, SetupStep.MYNETWORKS,
                    SetupStep.SUMMARY)),
    /** As above, without relay domains: only the trusted edge and servers may send through. */
    EDGE_WITHOUT_VERIFICATION("Behind an edge gateway, without recipient verification",
            List.of(SetupStep.TRANSPORT_MAP, SetupStep.RELAYHOST, SetupStep.MYNETWORKS, SetupStep.SUMMARY));

    private final String label;
    private final List<SetupStep> steps;

    IntegrationMode(String label, List<SetupStep> steps) {
        this.label = label;
        this.steps = steps;
    }

    public String label() {
        return label;
    }

    /** The steps after the choice of mode, the summary last. */
    public List<SetupStep> steps() {
        return steps;
    }

    /** Whether the mode has an edge gateway (relayhost required, judged as a trusted hop). */
    public boolean behindEdge() {
        return this != DIRECT;
    }
}
