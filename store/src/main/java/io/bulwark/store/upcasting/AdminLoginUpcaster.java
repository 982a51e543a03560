package io.bulwark.store.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code AdminLoginRecordedEvent} revision 1 to 2 (issue 18). Revision 2 records no username for
 * an attempt that named no account, and says so in {@code unknownAccount}.
 *
 * <p>Revision 1 cannot tell: it kept the typed username of every attempt and not whether an
 * account of that name existed (and looking it up now would judge the past by today's accounts).
 * So a revision-1 <em>failure</em> keeps its username and gets {@code unknownAccount: null}, "not
 * recorded"; a <em>success</em> proves the account existed and gets {@code false}. Nothing was
 * throttled as an event in revision 1: {@code throttled: false}. docs/security.md says what this
 * leaves in old events.
 *
 * <p>Stateless and thread-safe.
 */
public final class AdminLoginUpcaster extends SingleEventUpcaster {

    static final String TYPE = "io.bulwark.events.admin.AdminLoginRecordedEvent";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class,
                AdminLoginUpcaster::upcast);
    }

    static JsonNode upcast(JsonNode payload) {
        if (!(payload instanceof ObjectNode original)) {
            return payload;
        }
        ObjectNode copy = original.deepCopy();
        if (copy.path("success").asBoolean(false)) {
            copy.put("unknownAccount", false);
        } else {
            copy.putNull("unknownAccount");
        }
        copy.put("throttled", false);
        return copy;
    }
}
