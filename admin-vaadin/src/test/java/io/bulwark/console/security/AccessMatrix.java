package io.bulwark.console.security;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The declared access matrix: who may call each REST mapping and open each console route. One home
 * for the tests that hold the application to it (MockMvc inventory, real server by role).
 */
final class AccessMatrix {

    enum Who { ANONYMOUS, AUDITOR, HELPDESK, ADMINISTRATOR }

    private AccessMatrix() {
    }

    private static final Set<Who> EVERY_ROLE = EnumSet.of(Who.AUDITOR, Who.HELPDESK, Who.ADMINISTRATOR);
    private static final Set<Who> HANDLERS = EnumSet.of(Who.HELPDESK, Who.ADMINISTRATOR);
    private static final Set<Who> ADMIN = EnumSet.of(Who.ADMINISTRATOR);

    /** Who may call each REST mapping ("METHOD pattern"). Nobody anonymous. */
    static final Map<String, Set<Who>> API = Map.ofEntries(
            Map.entry("GET /api/v1/events", EVERY_ROLE),
            Map.entry("GET /api/v1/audit", EVERY_ROLE),
            Map.entry("GET /api/v1/audit.csv", EVERY_ROLE),
            Map.entry("GET /api/v1/event-log", EVERY_ROLE),
            Map.entry("GET /api/v1/messages", EVERY_ROLE),
            Map.entry("GET /api/v1/tracking", EVERY_ROLE),
            Map.entry("GET /api/v1/backup", EVERY_ROLE),
            Map.entry("GET /api/v1/backup/{backupId}", EVERY_ROLE),
            Map.entry("GET /api/v1/backup/{backupId}/eml", HANDLERS),
            Map.entry("POST /api/v1/backup/{backupId}/deliver", HANDLERS),
            Map.entry("DELETE /api/v1/backup/{backupId}", ADMIN),
            Map.entry("GET /api/v1/queue", EVERY_ROLE),
            Map.entry("GET /api/v1/queue/counts", EVERY_ROLE),
            Map.entry("POST /api/v1/queue/actions", HANDLERS),
            Map.entry("GET /api/v1/nodes", EVERY_ROLE),
            Map.entry("POST /api/v1/nodes/{node}/receiving", ADMIN),
            Map.entry("POST /api/v1/nodes/{node}/sending", ADMIN),
            Map.entry("GET /api/v1/certificates", EVERY_ROLE),
            Map.entry("GET /api/v1/certificates/{id}", EVERY_ROLE),
            Map.entry("GET /api/v1/certificates/{id}/csr", EVERY_ROLE),
            Map.entry("POST /api/v1/certificates/self-signed", ADMIN),
            Map.entry("POST /api/v1/certificates/csr", ADMIN),
            Map.entry("POST /api/v1/certificates/import", ADMIN),
            Map.entry("POST /api/v1/certificates/{id}/activate", ADMIN),
            Map.entry("DELETE /api/v1/certificates/{id}", ADMIN),
            Map.entry("GET /api/v1/dkim/keys", EVERY_ROLE),
            Map.entry("GET /api/v1/dkim/keys/{id}", EVERY_ROLE),
            Map.entry("GET /api/v1/dkim/keys/{id}/dns", EVERY_ROLE),
            Map.entry("POST /api/v1/dkim/keys", ADMIN),
            Map.entry("POST /api/v1/dkim/keys/import", ADMIN),
            Map.entry("DELETE /api/v1/dkim/keys/{id}", ADMIN),
            Map.entry("GET /api/v1/licence", EVERY_ROLE),
            Map.entry("GET /api/v1/licence/keys", EVERY_ROLE),
            Map.entry("GET /api/v1/licence/keys/{slot}", EVERY_ROLE),
            Map.entry("POST /api/v1/licence/keys", ADMIN),
            Map.entry("DELETE /api/v1/licence/keys/{slot}", ADMIN),
            Map.entry("POST /api/v1/licence/activation", ADMIN),
            Map.entry("POST /api/v1/licence/blocked", ADMIN),
            Map.entry("DELETE /api/v1/licence/blocked/{licenceNumber}", ADMIN),
            Map.entry("POST /api/v1/licence/check", ADMIN),
            Map.entry("GET /api/v1/rules", EVERY_ROLE),
            Map.entry("GET /api/v1/rules/{name}", EVERY_ROLE),
            Map.entry("POST /api/v1/rules", ADMIN),
            Map.entry("PUT /api/v1/rules/{name}", ADMIN),
            Map.entry("POST /api/v1/rules/{name}/copy", ADMIN),
            Map.entry("POST /api/v1/rules/{name}/enable", ADMIN),
            Map.entry("POST /api/v1/rules/{name}/disable", ADMIN),
            Map.entry("POST /api/v1/rules/{name}/move", ADMIN),
            Map.entry("DELETE /api/v1/rules/{name}", ADMIN),
            Map.entry("POST /api/v1/rules/{name}/preview", EVERY_ROLE),
            Map.entry("GET /api/v1/lists", EVERY_ROLE),
            Map.entry("POST /api/v1/lists/{list}/entries", ADMIN),
            Map.entry("DELETE /api/v1/lists/{list}/entries", ADMIN),
            Map.entry("PUT /api/v1/lists/deny/action", ADMIN),
            Map.entry("GET /api/v1/settings/routing", EVERY_ROLE),
            Map.entry("PUT /api/v1/settings/routing", ADMIN),
            Map.entry("GET /api/v1/settings/tls-policy", EVERY_ROLE),
            Map.entry("PUT /api/v1/settings/tls-policy", ADMIN),
            Map.entry("GET /api/v1/settings/mta", EVERY_ROLE),
            Map.entry("PUT /api/v1/settings/mta", ADMIN),
            Map.entry("GET /api/v1/settings/modules", EVERY_ROLE),
            Map.entry("PUT /api/v1/settings/modules", ADMIN),
            Map.entry("GET /api/v1/settings/dns", EVERY_ROLE),
            Map.entry("PUT /api/v1/settings/dns", ADMIN),
            Map.entry("GET /api/v1/accounts", EVERY_ROLE),
            Map.entry("GET /api/v1/accounts/me", EVERY_ROLE),
            Map.entry("GET /api/v1/accounts/{username}", EVERY_ROLE),
            Map.entry("POST /api/v1/accounts", ADMIN),
            // every account sets its own password; AccountAdministration refuses another's (403) after
            // looking the account up, so the matrix's made-up account is a 404 for every role
            Map.entry("POST /api/v1/accounts/{username}/password", EVERY_ROLE),
            Map.entry("POST /api/v1/accounts/{username}/disable", ADMIN),
            Map.entry("POST /api/v1/accounts/{username}/enable", ADMIN),
            Map.entry("DELETE /api/v1/accounts/{username}", ADMIN),
            Map.entry("GET /api/v1/history/verify", EVERY_ROLE),
            Map.entry("GET /api/v1/history/export", EVERY_ROLE),
            Map.entry("GET /api/v1/history/keys", EVERY_ROLE),
            Map.entry("POST /api/v1/history/keys/rotate", ADMIN),
            Map.entry("GET /api/v1/history/projections", EVERY_ROLE),
            Map.entry("POST /api/v1/history/projections/{group}/rebuild", ADMIN),
            Map.entry("GET /api/v1/history/configuration", EVERY_ROLE),
            Map.entry("GET /api/v1/history/configuration/diff", EVERY_ROLE),
            Map.entry("GET /api/v1/history/retention", EVERY_ROLE),
            Map.entry("POST /api/v1/history/archive", ADMIN),
            Map.entry("POST /api/v1/history/subjects/forget", ADMIN),
            Map.entry("GET /api/v1/antivirus/databases", EVERY_ROLE),
            Map.entry("POST /api/v1/antivirus/updates", ADMIN),
            Map.entry("GET /api/v1/settings/cef", EVERY_ROLE),
            Map.entry("PUT /api/v1/settings/cef", ADMIN),
            Map.entry("GET /api/v1/antispam/lists", EVERY_ROLE),
            Map.entry("POST /api/v1/antispam/lists", ADMIN),
            Map.entry("PUT /api/v1/antispam/lists/{symbol}", ADMIN),
            Map.entry("DELETE /api/v1/antispam/lists/{symbol}", ADMIN),
            Map.entry("POST /api/v1/antispam/training", ADMIN),
            Map.entry("POST /api/v1/antispam/training/messages", ADMIN),
            Map.entry("GET /api/v1/antispam/training/{trainingId}", EVERY_ROLE),
            Map.entry("DELETE /api/v1/antispam/training/{trainingId}", ADMIN),
            Map.entry("GET /api/v1/reports", EVERY_ROLE),
            Map.entry("POST /api/v1/reports", ADMIN),
            Map.entry("GET /api/v1/reports/schedule", EVERY_ROLE),
            Map.entry("PUT /api/v1/reports/schedule", ADMIN),
            Map.entry("GET /api/v1/reports/{id}", EVERY_ROLE),
            Map.entry("GET /api/v1/reports/{id}.pdf", EVERY_ROLE),
            Map.entry("GET /api/v1/reports/{id}/charts/{name}.png", EVERY_ROLE),
            Map.entry("DELETE /api/v1/reports/{id}", ADMIN));

    /** Who may open each console route. */
    static final Map<String, Set<Who>> CONSOLE = Map.ofEntries(
            Map.entry("login", EnumSet.allOf(Who.class)),
            Map.entry("", EVERY_ROLE),
            Map.entry("messages", EVERY_ROLE),
            Map.entry("setup", ADMIN),
            Map.entry("queue", EVERY_ROLE),
            Map.entry("backup", EVERY_ROLE),
            Map.entry("certificates", EVERY_ROLE),
            Map.entry("dkim", EVERY_ROLE),
            Map.entry("rules", EVERY_ROLE),
            Map.entry("rules/edit/:name?", EVERY_ROLE),
            Map.entry("lists", EVERY_ROLE),
            Map.entry("password", EVERY_ROLE),
            Map.entry("accounts", ADMIN),
            Map.entry("history", EVERY_ROLE),
            Map.entry("antivirus", EVERY_ROLE),
            Map.entry("cef", EVERY_ROLE),
            Map.entry("settings", EVERY_ROLE),
            Map.entry("licence", EVERY_ROLE),
            Map.entry("antispam/lists", EVERY_ROLE),
            Map.entry("audit", EVERY_ROLE),
            Map.entry("reports", EVERY_ROLE));

    /** Every "METHOD pattern" under /api/ that the application maps. */
    static Set<String> restMappings(RequestMappingHandlerMapping mappings) {
        Set<String> keys = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? EnumSet.allOf(RequestMethod.class) : methods) {
                    keys.add(method.name() + " " + pattern);
                }
            }
        }
        return keys;
    }
}
