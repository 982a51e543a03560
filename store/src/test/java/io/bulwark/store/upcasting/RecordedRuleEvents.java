package io.bulwark.store.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleListProjection;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.serialization.StoreSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Rule events as revision 1 stored them, recorded by serialising the revision-1 classes before
 * revision 2 existed ({@code rule-events-revision-1.json}: the presets, a sparse custom rule, one
 * written before options existed, an edit with odd option values, a copy, a sparse edit of
 * Default, a move), and what they meant to the code of that time
 * ({@code rule-events-revision-1.meaning.json}: per rule, module and status the action, per option
 * the value acted on). Shared with other modules' tests through the store's test-jar.
 */
public final class RecordedRuleEvents {
    private static final ObjectMapper MAPPER = StoreSerializers.objectMapper();
    /** Plain numbers (doubles) for the meaning tables, so that recorded and computed ones compare equal. */
    private static final ObjectMapper PLAIN = new ObjectMapper();
    /** What a test pretends the factory defaults have become, to show they no longer matter. */
    private static final StatusAction CHANGED_ACTION = new StatusAction(Action.DELETE_MESSAGE, true, "[changed]");
    private static final String CHANGED_NUMBER = "99";

    private RecordedRuleEvents() {
    }

    /** The stored form: {@code payloadType}, {@code payloadRevision}, {@code payload} per event. */
    public static List<JsonNode> stored() {
        List<JsonNode> events = new ArrayList<>();
        resource(MAPPER, "rule-events-revision-1.json").forEach(events::add);
        return events;
    }

    /** The recorded meaning, as {@link #meaning(RuleListProjection, boolean)} writes it. */
    public static JsonNode recordedMeaning() {
        return resource(PLAIN, "rule-events-revision-1.meaning.json");
    }

    /** The payloads as the store hands them out: through {@code upcaster} (none: null), then deserialised. */
    public static List<Object> read(EventUpcaster upcaster) {
        List<JsonNode> stored = stored();
        return UpcasterHarness.deserialize(upcaster == null ? stored : UpcasterHarness.upcast(upcaster, stored));
    }

    /** The rule list the payloads build. */
    public static RuleListProjection replay(List<Object> payloads) {
        RuleListProjection rules = new RuleListProjection();
        payloads.forEach(rules::apply);
        return rules;
    }

    /**
     * What the rules do, per rule: name, enabled, mode, position, and per module whether it is on,
     * the reaction to each status and the option values acted on. With {@code changedDefaults},
     * whatever a definition leaves out is read as a deliberately different default (every status
     * DELETE_MESSAGE with Backup and tag "[changed]", thresholds 99, temporary failures accepted),
     * as if the factory defaults had changed since the events were written.
     */
    public static ObjectNode meaning(RuleListProjection rules, boolean changedDefaults) {
        return meaning(rules.rules(), changedDefaults);
    }

    /** {@link #meaning(RuleListProjection, boolean)} of rules in matching order. */
    private static final java.util.Set<ModuleOption> REVISION_ONE_OPTIONS = java.util.EnumSet.of(
            ModuleOption.TEMPORARY_FAILURE, ModuleOption.SPAM_THRESHOLD, ModuleOption.PROBABLE_SPAM_THRESHOLD);

    public static ObjectNode meaning(List<RuleEntry> rules, boolean changedDefaults) {
        ObjectNode meaning = PLAIN.createObjectNode();
        for (int position = 0; position < rules.size(); position++) {
            RuleEntry r = rules.get(position);
            ObjectNode rule = meaning.putObject(r.ruleId());
            rule.put("name", r.name());
            rule.put("enabled", r.enabled());
            rule.put("mode", r.definition().mode().name());
            rule.put("position", position);
            ObjectNode modules = rule.putObject("modules");
            for (ProtectionModule module : ProtectionModule.values()) {
                section(modules.putObject(module.name()), r.definition(), module, changedDefaults);
            }
        }
        return meaning;
    }

    private static void section(ObjectNode out, RuleDefinition definition, ProtectionModule module,
            boolean changedDefaults) {
        ModuleSettings stored = definition.modules().get(module);
        ModuleSettings s = changedDefaults ? stored : definition.module(module);
        out.put("enabled", s != null && s.enabled());
        ObjectNode actions = out.putObject("actions");
        for (ScanStatus status : module.statuses()) {
            StatusAction a = !changedDefaults ? s.actionFor(status)
                    : s == null || !s.actions().containsKey(status) ? CHANGED_ACTION : s.actions().get(status);
            actions.set(status.name(), PLAIN.valueToTree(a));
        }
        ObjectNode options = out.putObject("options");
        for (ModuleOption option : ModuleOption.of(module)) {
            if (!REVISION_ONE_OPTIONS.contains(option)) {
                continue; // options added later: the recorded meaning predates them
            }
            if (!changedDefaults) {
                if (option == ModuleOption.TEMPORARY_FAILURE) {
                    options.put(option.key(), s.defersOnTemporaryFailure() ? "defer" : "accept");
                } else {
                    options.put(option.key(), s.number(option));
                }
                continue;
            }
            String value = s == null ? null : s.options().get(option.key());
            if (option == ModuleOption.TEMPORARY_FAILURE) {
                boolean accept = value == null || "accept".equals(value.toLowerCase(Locale.ROOT));
                options.put(option.key(), accept ? "accept" : "defer");
            } else {
                options.put(option.key(), number(value));
            }
        }
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value == null ? CHANGED_NUMBER : value);
        } catch (NumberFormatException e) {
            return Double.parseDouble(CHANGED_NUMBER);
        }
    }

    private static JsonNode resource(ObjectMapper mapper, String name) {
        try (InputStream in = RecordedRuleEvents.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
