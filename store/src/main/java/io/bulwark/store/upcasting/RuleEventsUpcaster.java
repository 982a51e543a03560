package io.bulwark.store.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Rule events revision 1 to 2: writes out, in every rule definition, what revision 1 left to the
 * reading code's factory defaults, with the values that code had when revision 2 was introduced
 * (2026-12), so that a later change of a default (a new tag, a stricter action, another
 * threshold) never changes what an old rule event means. Issue 9; docs/rules.md.
 *
 * <p>Upcast: {@code RuleSetInitializedEvent} ({@code rules[].definition}), {@code RuleCreatedEvent},
 * {@code RuleEditedEvent} and {@code RuleCopiedEvent} ({@code definition}). In each definition:
 * <ul>
 *   <li>every module gets a section; a missing one is written switched off (revision 1 read a
 *       missing section as "off, factory settings");</li>
 *   <li>every status of the module gets an action, backup flag and subject tag; entries present
 *       are kept as stored;</li>
 *   <li>every option of the module gets a value, and stored values are written as revision 1 read
 *       them: {@code temporary-failure} is {@code accept} only when it said accept (any case),
 *       else {@code defer}; a threshold that is not a number becomes the default it fell back to.</li>
 * </ul>
 *
 * <p>The defaults are literals in {@link #FROZEN_ACTIONS} and {@link #FROZEN_OPTIONS}, on purpose
 * <em>not</em> read from {@code ScanStatus} or {@code ModuleOption}: those describe new rules and
 * may change; this class describes what was stored, and must not. Nor does it name event classes:
 * stored type names outlive renames. An architecture test keeps it independent of the event
 * classes.
 *
 * <p>Stateless and thread-safe; registered as a bean by the store's auto-configuration and
 * applied by the storage engine to every event it reads (aggregate loading and tracking alike).
 */
public final class RuleEventsUpcaster extends SingleEventUpcaster {

    static final String FROM = "1";
    static final String TO = "2";
    private static final String PACKAGE = "io.bulwark.events.rule.";
    static final String INITIALIZED = PACKAGE + "RuleSetInitializedEvent";
    static final Set<String> WITH_DEFINITION = Set.of(PACKAGE + "RuleCreatedEvent", PACKAGE + "RuleEditedEvent",
            PACKAGE + "RuleCopiedEvent");

    /** An action as revision 1 stored it: {@code action}, {@code backupCopy}, {@code subjectTag}. */
    record FrozenAction(String action, boolean backupCopy, String subjectTag) {
    }

    private static final String TEMPORARY_FAILURE = "temporary-failure";
    private static final FrozenAction PASS_ON = new FrozenAction("SKIP", false, "");

    /**
     * Revision 1's modules, in order, with their statuses and each status's factory action
     * (reference notes A.1-A.9, as {@code ScanStatus} said in 2026-12). Frozen: never edit.
     */
    static final Map<String, Map<String, FrozenAction>> FROZEN_ACTIONS = frozenActions();

    /** Revision 1's options per module with their factory values. Frozen: never edit. */
    static final Map<String, Map<String, String>> FROZEN_OPTIONS = frozenOptions();

    private static Map<String, Map<String, FrozenAction>> frozenActions() {
        Map<String, Map<String, FrozenAction>> m = new LinkedHashMap<>();
        m.put("SENDER_AUTHENTICATION", statuses(
                "NOT_SCANNED", PASS_ON, "ERROR", PASS_ON, "PASS", PASS_ON,
                "SPF_FAIL", new FrozenAction("SKIP", false, "[SPF fail]"),
                "DKIM_FAIL", new FrozenAction("SKIP", false, "[DKIM fail]"),
                "DMARC_FAIL", new FrozenAction("SKIP", false, "[DMARC fail]")));
        m.put("ANTI_VIRUS", statuses(
                "CLEAN", PASS_ON, "NOT_SCANNED", PASS_ON, "ERROR", PASS_ON,
                "INFECTED", new FrozenAction("DELETE_ATTACHMENT", true, "[Infected]"),
                "PROBABLY_INFECTED", new FrozenAction("DELETE_ATTACHMENT", true, "[Probably infected]"),
                "ENCRYPTED", PASS_ON, "CORRUPTED", PASS_ON));
        m.put("ANTI_SPAM", statuses(
                "NOT_SCANNED", PASS_ON, "ERROR", PASS_ON, "NOT_SPAM", PASS_ON,
                "SPAM", new FrozenAction("SKIP", false, "[Spam]"),
                "PROBABLE_SPAM", new FrozenAction("SKIP", false, "[Probable spam]"),
                "BLACKLISTED", new FrozenAction("SKIP", false, "[Blacklisted]"),
                "MASS_MAILING", new FrozenAction("SKIP", false, "[Massmail]")));
        m.put("ANTI_PHISHING", statuses(
                "CLEAN", PASS_ON, "NOT_SCANNED", PASS_ON, "ERROR", PASS_ON,
                "PHISHING", new FrozenAction("REJECT", false, "[Phishing]"),
                "MALICIOUS_LINK", new FrozenAction("REJECT", false, "[Malicious URL]")));
        m.put("CONTENT_FILTERING", statuses(
                "CLEAN", PASS_ON, "NOT_SCANNED", PASS_ON, "ERROR", PASS_ON,
                "FORBIDDEN_SIZE", new FrozenAction("REJECT", true, ""),
                "FORBIDDEN_NAME", new FrozenAction("REJECT", false, "[Banned attachment]"),
                "FORBIDDEN_TYPE", new FrozenAction("REJECT", false, "[Banned attachment]")));
        m.put("EXTERNAL_SANDBOX", statuses(
                "CLEAN", PASS_ON, "NOT_SCANNED", PASS_ON, "ERROR", PASS_ON,
                "SANDBOX_DETECTED", new FrozenAction("DELETE_MESSAGE", true, "[Sandbox detect]")));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Map<String, String>> frozenOptions() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (String module : FROZEN_ACTIONS.keySet()) {
            m.put(module, Map.of(TEMPORARY_FAILURE, "defer"));
        }
        m.put("ANTI_SPAM", Map.of(TEMPORARY_FAILURE, "defer", "spam-threshold", "70",
                "probable-spam-threshold", "40"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, FrozenAction> statuses(Object... pairs) {
        Map<String, FrozenAction> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (FrozenAction) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        return FROM.equals(representation.getType().getRevision())
                && (INITIALIZED.equals(type) || WITH_DEFINITION.contains(type));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        return representation.upcastPayload(new SimpleSerializedType(type, TO), JsonNode.class,
                payload -> upcast(type, payload));
    }

    /** The revision-2 payload of a revision-1 payload of {@code type}; the argument is left as it was. */
    static JsonNode upcast(String type, JsonNode payload) {
        if (!(payload instanceof ObjectNode original)) {
            return payload;
        }
        ObjectNode copy = original.deepCopy();
        if (INITIALIZED.equals(type)) {
            for (JsonNode rule : copy.path("rules")) {
                completeDefinition(rule.path("definition"));
            }
        } else {
            completeDefinition(copy.path("definition"));
        }
        return copy;
    }

    private static void completeDefinition(JsonNode definition) {
        if (!(definition instanceof ObjectNode def)) {
            return;
        }
        JsonNode stored = def.path("modules");
        ObjectNode modules = stored instanceof ObjectNode o ? o : def.putObject("modules");
        for (Map.Entry<String, Map<String, FrozenAction>> module : FROZEN_ACTIONS.entrySet()) {
            JsonNode present = modules.path(module.getKey());
            ObjectNode section = present instanceof ObjectNode o ? o : modules.putObject(module.getKey());
            if (!section.path("enabled").isBoolean()) {
                // Jackson read a missing (or null) flag as false: a missing section was off too.
                section.put("enabled", false);
            }
            completeActions(section, module.getValue());
            completeOptions(section, FROZEN_OPTIONS.get(module.getKey()));
        }
    }

    private static void completeActions(ObjectNode section, Map<String, FrozenAction> frozen) {
        JsonNode stored = section.path("actions");
        ObjectNode actions = stored instanceof ObjectNode o ? o : section.putObject("actions");
        for (Map.Entry<String, FrozenAction> status : frozen.entrySet()) {
            if (!(actions.path(status.getKey()) instanceof ObjectNode)) {
                FrozenAction a = status.getValue();
                actions.putObject(status.getKey()).put("action", a.action()).put("backupCopy", a.backupCopy())
                        .put("subjectTag", a.subjectTag());
            }
        }
    }

    private static void completeOptions(ObjectNode section, Map<String, String> frozen) {
        JsonNode stored = section.path("options");
        ObjectNode options = stored instanceof ObjectNode o ? o : section.putObject("options");
        for (String key : List.copyOf(frozen.keySet())) {
            JsonNode value = options.path(key);
            String text = value.isValueNode() && !value.isNull() ? value.asText() : null;
            options.put(key, asRevisionOneRead(key, text, frozen.get(key)));
        }
    }

    /**
     * The value as revision 1 acted on it: {@code ModuleSettings.defersOnTemporaryFailure} deferred
     * on anything but "accept", {@code ModuleSettings.number} fell back to the default on a value
     * {@link Double#parseDouble} refused.
     */
    private static String asRevisionOneRead(String key, String stored, String frozenDefault) {
        if (stored == null) {
            return frozenDefault;
        }
        if (TEMPORARY_FAILURE.equals(key)) {
            return "accept".equalsIgnoreCase(stored) ? "accept" : "defer";
        }
        try {
            Double.parseDouble(stored);
            return stored;
        } catch (NumberFormatException e) {
            return frozenDefault;
        }
    }
}
