package io.bulwark.console.setup;

import io.bulwark.events.rule.IpNetwork;
import io.bulwark.events.settings.NextHop;
import io.bulwark.events.settings.RoutingSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the administrator entered in the wizard, as text per step, and what it becomes: the
 * {@link RoutingSettings} of the chosen {@link IntegrationMode} and the problems of each step. The
 * syntax is judged by {@link RoutingSettings#problems()} (the one validation the API and the gateway
 * share); this class adds what the mode requires (a relayhost behind an edge, a next hop for every
 * relay domain, the edge among the trusted networks). No I/O; mutable, one per wizard.
 */
public final class SetupPlan {
    private IntegrationMode mode = IntegrationMode.EDGE_WITH_VERIFICATION;
    private String relayDomains = "";
    private String transportMap = "";
    private String relayhost = "";
    private String mynetworks = "";

    /** A plan that starts from the settings in force. */
    public static SetupPlan from(RoutingSettings current) {
        SetupPlan plan = new SetupPlan();
        plan.relayDomains = String.join("\n", current.relayDomains());
        plan.transportMap = String.join("\n", current.transportMap().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList());
        plan.relayhost = current.relayhost() == null ? "" : current.relayhost();
        plan.mynetworks = String.join("\n", current.mynetworks());
        return plan;
    }

    public IntegrationMode mode() {
        return mode;
    }

    public void mode(IntegrationMode mode) {
        this.mode = mode;
    }

    /** The text of a step's field. */
    public String text(SetupStep step) {
        return switch (step) {
            case RELAY_DOMAINS -> relayDomains;
            case TRANSPORT_MAP -> transportMap;
            case RELAYHOST -> relayhost;
            case MYNETWORKS -> mynetworks;
            case SUMMARY -> "";
        };
    }

    public void text(SetupStep step, String text) {
        String value = text == null ? "" : text;
        switch (step) {
            case RELAY_DOMAINS -> relayDomains = value;
            case TRANSPORT_MAP -> transportMap = value;
            case RELAYHOST -> relayhost = value;
            case MYNETWORKS -> mynetworks = value;
            case SUMMARY -> {
            }
        }
    }

    /**
     * The routing this plan applies. Relay domains only where the mode has them; recipient
     * verification for every relay domain (behind an edge it is the mode's point, and directly on the
     * Internet this gateway is where unknown recipients must be refused); no relayhost in direct mode
     * (MX routing).
     */
    public RoutingSettings settings() {
        List<String> domains = mode == IntegrationMode.EDGE_WITHOUT_VERIFICATION ? List.of() : lines(relayDomains);
        return new RoutingSettings(domains, lines(mynetworks), mode.behindEdge() ? relayhost : null,
                transport().map(), domains);
    }

    /** Every problem of one step, one sentence each; empty when the wizard may go on. */
    public List<String> problems(SetupStep step) {
        List<String> problems = new ArrayList<>();
        RoutingSettings settings = settings();
        switch (step) {
            case RELAY_DOMAINS -> {
                if (settings.relayDomains().isEmpty()) {
                    problems.add("Enter at least one relay domain");
                }
                problems.addAll(new RoutingSettings(settings.relayDomains(), null, null, null, null).problems());
            }
            case TRANSPORT_MAP -> {
                Transport transport = transport();
                problems.addAll(transport.problems());
                problems.addAll(new RoutingSettings(null, null, null, transport.map(), null).problems());
                if (transport.map().isEmpty() && settings.relayDomains().isEmpty()) {
                    problems.add("Enter the next hop of at least one domain");
                }
                for (String domain : settings.relayDomains()) {
                    if (!settings.transportMap().containsKey(domain)) {
                        problems.add("relay domain " + domain + " has no next hop: its mail would follow its MX"
                                + (mode.behindEdge() ? " or the relayhost" : "") + " back to this gateway");
                    }
                }
            }
            case RELAYHOST -> {
                if (settings.relayhost() == null) {
                    problems.add("Enter the edge gateway, e.g. [192.0.2.10]:25");
                } else {
                    problems.addAll(new RoutingSettings(null, null, settings.relayhost(), null, null).problems());
                }
            }
            case MYNETWORKS -> {
                if (settings.mynetworks().isEmpty()) {
                    problems.add("Enter at least one trusted network (your mail servers"
                            + (mode.behindEdge() ? " and the edge gateway" : "") + ")");
                }
                problems.addAll(new RoutingSettings(null, settings.mynetworks(), null, null, null).problems());
                edgeOutsideTrustedNetworks(settings).ifPresent(problems::add);
            }
            case SUMMARY -> mode.steps().stream().filter(s -> s != SetupStep.SUMMARY)
                    .forEach(s -> problems.addAll(problems(s)));
        }
        return List.copyOf(problems);
    }

    /**
     * Behind an edge gateway given as an address, that address must be trusted: the gateway then
     * judges SPF and reputation on the first untrusted hop (the client the edge received from)
     * instead of on the edge itself.
     */
    private static java.util.Optional<String> edgeOutsideTrustedNetworks(RoutingSettings settings) {
        if (settings.relayhost() == null) {
            return java.util.Optional.empty();
        }
        NextHop edge;
        try {
            edge = NextHop.parse(settings.relayhost(), 25);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        if (!IpNetwork.isAddress(edge.host())) {
            return java.util.Optional.empty();
        }
        for (String network : settings.mynetworks()) {
            if (IpNetwork.isValid(network) && IpNetwork.parse(network).contains(edge.host())) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of("the edge gateway " + edge.host() + " is not in a trusted network: add it, so that"
                + " SPF is judged on the first untrusted hop and not on the edge");
    }

    /** The transport map's lines: "domain next-hop", also "domain = next-hop" or "domain → next-hop". */
    private Transport transport() {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String line : transportMap.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.replace("→", " ").replace("=", " ").strip().split("\\s+");
            if (parts.length != 2) {
                problems.add("transport map line '" + trimmed + "' is not 'domain next-hop'");
                continue;
            }
            map.put(parts[0], parts[1]);
        }
        return new Transport(map, problems);
    }

    private record Transport(Map<String, String> map, List<String> problems) {
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("[\\s,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
