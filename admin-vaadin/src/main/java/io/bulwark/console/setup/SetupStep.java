package io.bulwark.console.setup;

/** One step of the Quick Setup Wizard, named after the Postfix setting it fills. */
public enum SetupStep {
    RELAY_DOMAINS("Relay domains (relay_domains)",
            "The domains this gateway accepts mail for from anyone, one per line."),
    TRANSPORT_MAP("Next hop per domain (transport_map)",
            "One line per domain: the domain, a space, and the mail server that receives its mail,"
                    + " e.g. example.com [10.0.0.5]:25. Brackets: connect to that host; without: look up its MX."),
    RELAYHOST("Edge gateway (relayhost)",
            "The next hop for all other mail, i.e. the edge gateway, e.g. [192.0.2.10]:25."),
    MYNETWORKS("Trusted networks (mynetworks)",
            "Networks or addresses, one per line, whose clients may relay to any domain: your mail servers"
                    + " and, behind an edge gateway, the edge gateway itself."),
    SUMMARY("Summary", "What will change. Apply records it as one audited change that every node applies.");

    private final String title;
    private final String help;

    SetupStep(String title, String help) {
        this.title = title;
        this.help = help;
    }

    public String title() {
        return title;
    }

    public String help() {
        return help;
    }
}
