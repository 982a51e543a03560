package io.bulwark.store.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import io.bulwark.events.PersonalData;
import java.io.IOException;
import java.util.Collection;

/**
 * Teaches a store's {@link ObjectMapper} to write {@link PersonalData} components through a
 * {@link PersonalDataCodec} and read them back through it (strings, and the strings of a
 * collection). An {@link PersonalData.Kind#ADDRESS} is sealed under its own subject; the first one
 * written in a serialisation call (the envelope sender, or the first recipient for the null sender:
 * every message event writes its {@code MessageRef} first) is remembered as a per-call attribute
 * of Jackson's provider, and {@link PersonalData.Kind#OF_MESSAGE} values written after it in the
 * same call are sealed under that subject (ADR 0038). An {@code OF_MESSAGE} value with no address
 * before it is sealed under the subject of its own text, so it is still never stored in plain text. Installed only where personal-data encryption is on; otherwise the mapper is left
 * as it was. An annotation introspector rather than {@code @JsonSerialize} on the events, because
 * the {@code events} module carries no Jackson and the codec is this installation's, not the event's.
 */
public final class PersonalDataModule {
    private PersonalDataModule() {
    }

    /** Installs the codec on {@code mapper} (ahead of its existing introspector) and returns it. */
    public static ObjectMapper install(ObjectMapper mapper, PersonalDataCodec codec) {
        Introspector ours = new Introspector(codec);
        mapper.setAnnotationIntrospectors(
                AnnotationIntrospector.pair(ours, mapper.getSerializationConfig().getAnnotationIntrospector()),
                AnnotationIntrospector.pair(ours, mapper.getDeserializationConfig().getAnnotationIntrospector()));
        return mapper;
    }

    private static final class Introspector extends NopAnnotationIntrospector {
        private final transient Sealing serializer;
        private final transient Opening deserializer;

        private final transient Sealing ofMessage;

        Introspector(PersonalDataCodec codec) {
            this.serializer = new Sealing(codec, false);
            this.ofMessage = new Sealing(codec, true);
            this.deserializer = new Opening(codec);
        }

        private Sealing sealing(Annotated a) {
            return a.getAnnotation(PersonalData.class).value() == PersonalData.Kind.OF_MESSAGE ? ofMessage : serializer;
        }

        private static boolean personal(Annotated a) {
            return a != null && a.hasAnnotation(PersonalData.class);
        }

        @Override
        public Object findSerializer(Annotated a) {
            return personal(a) && a.getRawType() == String.class ? sealing(a) : null;
        }

        @Override
        public Object findContentSerializer(Annotated a) {
            return personal(a) && Collection.class.isAssignableFrom(a.getRawType()) ? sealing(a) : null;
        }

        @Override
        public Object findDeserializer(Annotated a) {
            return personal(a) && a.getRawType() == String.class ? deserializer : null;
        }

        @Override
        public Object findContentDeserializer(Annotated a) {
            return personal(a) && Collection.class.isAssignableFrom(a.getRawType()) ? deserializer : null;
        }
    }

    /** Per-call attribute: the first address written in this serialisation call. */
    private static final Object FIRST_ADDRESS = new Object();

    private static final class Sealing extends JsonSerializer<String> {
        private final PersonalDataCodec codec;
        private final boolean ofMessage;

        Sealing(PersonalDataCodec codec, boolean ofMessage) {
            this.codec = codec;
            this.ofMessage = ofMessage;
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            Object first = serializers.getAttribute(FIRST_ADDRESS);
            if (!ofMessage) {
                if (first == null && value != null && !value.isEmpty()) {
                    serializers.setAttribute(FIRST_ADDRESS, value);
                }
                gen.writeString(codec.seal(value));
            } else {
                gen.writeString(codec.sealOf(first instanceof String address ? address : value, value));
            }
        }
    }

    private static final class Opening extends JsonDeserializer<String> {
        private final PersonalDataCodec codec;

        Opening(PersonalDataCodec codec) {
            this.codec = codec;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return codec.open(p.getValueAsString());
        }
    }
}
