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
 * collection). Installed only where personal-data encryption is on; otherwise the mapper is left
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

        Introspector(PersonalDataCodec codec) {
            this.serializer = new Sealing(codec);
            this.deserializer = new Opening(codec);
        }

        private static boolean personal(Annotated a) {
            return a != null && a.hasAnnotation(PersonalData.class);
        }

        @Override
        public Object findSerializer(Annotated a) {
            return personal(a) && a.getRawType() == String.class ? serializer : null;
        }

        @Override
        public Object findContentSerializer(Annotated a) {
            return personal(a) && Collection.class.isAssignableFrom(a.getRawType()) ? serializer : null;
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

    private static final class Sealing extends JsonSerializer<String> {
        private final PersonalDataCodec codec;

        Sealing(PersonalDataCodec codec) {
            this.codec = codec;
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(codec.seal(value));
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
