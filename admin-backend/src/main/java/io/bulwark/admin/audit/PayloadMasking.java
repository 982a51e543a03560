package io.bulwark.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bulwark.events.Secret;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Hides secrets in event payloads before the event stream shows them, deciding by the event's
 * class rather than by a list of field names, so that a secret added later is hidden by default:
 * <ul>
 *   <li>a component annotated {@link Secret} is replaced by {@value #HIDDEN};</li>
 *   <li>so is one whose name looks like a credential (password, secret, token, private key,
 *       credential), annotated or not;</li>
 *   <li>so is a field the class does not declare (a newer revision's addition this node cannot
 *       judge), and the whole payload of a type this node cannot load;</li>
 *   <li>nested records, and collections and maps of them, are walked the same way.</li>
 * </ul>
 *
 * <p>Thread-safe: the per-class rules are computed once and cached.
 */
public final class PayloadMasking {

    /** What a hidden value is replaced by. */
    public static final String HIDDEN = "[hidden]";
    private static final Pattern CREDENTIAL_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|private_?key|credential).*");
    private static final Map<Class<?>, Map<String, Type>> VISIBLE = new ConcurrentHashMap<>();

    private PayloadMasking() {
    }

    /** The payload of an event of the named type, with its secrets hidden (in place). */
    public static JsonNode mask(String typeName, JsonNode payload) {
        Optional<Class<?>> type = load(typeName);
        if (type.isEmpty() || !type.get().isRecord()) {
            return payload != null && payload.isObject() ? hideAll((ObjectNode) payload) : payload;
        }
        return mask(type.get(), payload);
    }

    /**
     * A value's JSON with its secrets hidden (in place): a record is masked by its class as an event
     * payload is; anything else (a map of settings) by its field names alone, since it declares no
     * components to judge undeclared fields by.
     */
    static JsonNode maskValue(Class<?> type, JsonNode node) {
        if (type.isRecord()) {
            return mask(type, node);
        }
        hideCredentialNames(node);
        return node;
    }

    private static void hideCredentialNames(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (CREDENTIAL_NAME.matcher(field.getKey()).matches()) {
                    field.setValue(TextNode.valueOf(HIDDEN));
                } else {
                    hideCredentialNames(field.getValue());
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(PayloadMasking::hideCredentialNames);
        }
    }

    private static JsonNode mask(Type type, JsonNode node) {
        if (node == null || node.isNull()) {
            return node;
        }
        Class<?> raw = raw(type);
        if (raw != null && raw.isRecord() && node instanceof ObjectNode object) {
            Map<String, Type> visible = VISIBLE.computeIfAbsent(raw, PayloadMasking::visibleComponents);
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Type componentType = visible.get(field.getKey());
                if (componentType == null) {
                    field.setValue(TextNode.valueOf(HIDDEN));
                } else {
                    mask(componentType, field.getValue());
                }
            }
        } else if (raw != null && Collection.class.isAssignableFrom(raw) && node.isArray()) {
            Type element = typeArgument(type, 0);
            node.forEach(child -> mask(element, child));
        } else if (raw != null && Map.class.isAssignableFrom(raw) && node.isObject()) {
            Type value = typeArgument(type, 1);
            node.forEach(child -> mask(value, child));
        }
        return node;
    }

    /** Names and types of the components that may be shown. */
    private static Map<String, Type> visibleComponents(Class<?> record) {
        Map<String, Type> visible = new HashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            boolean secret = component.isAnnotationPresent(Secret.class)
                    || CREDENTIAL_NAME.matcher(component.getName()).matches();
            if (!secret) {
                visible.put(component.getName(), component.getGenericType());
            }
        }
        return visible;
    }

    private static JsonNode hideAll(ObjectNode object) {
        object.properties().forEach(field -> field.setValue(TextNode.valueOf(HIDDEN)));
        return object;
    }

    private static Optional<Class<?>> load(String typeName) {
        if (typeName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(typeName, false, PayloadMasking.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
