package io.bulwark.admin.support;

import java.util.regex.Pattern;

/**
 * What a gateway node id may look like in a request (host-name-like: letters, digits, dots,
 * hyphens, underscores, at most 253 characters): the one check for every command that targets a
 * node (queue control, anti-virus updates). Stateless.
 */
public final class NodeIds {
    private static final Pattern NODE_ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,252}");

    private NodeIds() {
    }

    /** Whether {@code nodeId} is a well-formed node id. */
    public static boolean valid(String nodeId) {
        return nodeId != null && NODE_ID.matcher(nodeId).matches();
    }
}
