package io.bulwark.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.events.audit.AuditEntryView.SettingChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings as flat {@code path → value} maps and the differences between two of them, the audit
 * log's {@code path[old][new]}. Paths name object fields with dots and list elements with
 * {@code [i]}: {@code modules.ANTI_SPAM.actions[0].action}. Secrets are masked before flattening
 * ({@link PayloadMasking}), so a changed password shows as a change of {@code [hidden]} to
 * {@code [hidden]}: that it changed, never its value. Stateless apart from the mapper.
 */
final class SettingsDiff {

    private final ObjectMapper mapper;

    SettingsDiff(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The settings as a flat map (insertion-ordered), secrets masked; an empty map for null. */
    Map<String, String> flatten(Object settings) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (settings == null) {
            return flat;
        }
        JsonNode tree = PayloadMasking.maskValue(settings.getClass(), mapper.valueToTree(settings));
        flatten("", tree, flat);
        return flat;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> flat) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(field -> flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                    field.getValue(), flat));
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                flat.put(path, "[]");
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), flat);
            }
        } else {
            flat.put(path.isEmpty() ? "value" : path, node.asText());
        }
    }

    /** The settings that differ, in the order of the new settings then the removed ones. */
    static List<SettingChange> changes(Map<String, String> before, Map<String, String> after) {
        Set<String> paths = new LinkedHashSet<>(after.keySet());
        paths.addAll(before.keySet());
        List<SettingChange> changes = new ArrayList<>();
        for (String path : paths) {
            String old = before.get(path);
            String now = after.get(path);
            if (!Objects.equals(old, now)) {
                changes.add(new SettingChange(path, old, now));
            }
        }
        return changes;
    }
}
