package io.bulwark.events.antivirus;

/** The signature databases of every node; answered with a list of {@link AntivirusNodeView}, by node id. */
public record FindAntivirusDatabasesQuery() {
}
