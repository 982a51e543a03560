/**
 * Node settings as audited events (issue "Administration"): one aggregate per settings area, a
 * small administration service that validates, sends the command and reads the area back from its
 * own event stream, and the REST controller under {@code /api/v1/settings}. Gateways apply the
 * events themselves ({@code io.bulwark.gateway.policy}); nothing here reaches a node directly.
 */
package io.bulwark.admin.settings;
