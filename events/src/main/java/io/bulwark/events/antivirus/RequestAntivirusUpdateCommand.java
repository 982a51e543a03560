package io.bulwark.events.antivirus;

/**
 * Ask gateway nodes to update their signature databases now.
 *
 * @param nodeId the node, or {@code null} for every node
 * @param actor  the administrator
 */
public record RequestAntivirusUpdateCommand(String nodeId, String actor) {
}
