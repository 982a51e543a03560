package io.bulwark.store.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Converts Jackson trees to BSON and back without going through JSON text, so that payloads stored
 * as documents ({@code bulwark.store.payload-format=document}, ADR 0048) are queryable and read back
 * to the same tree: integers stay integers of the
 * same width, decimals stay decimals (Decimal128), and nothing becomes an extended-JSON wrapper.
 *
 * <p>Stateless and thread-safe.
 */
public final class BsonJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private BsonJson() {
    }

    /**
     * True if MongoDB can store the tree as a document as it is: an object whose field names
     * (at any depth) neither start with {@code $} nor contain a NUL character. Other payloads are
     * stored as JSON text instead.
     */
    public static boolean storableAsDocument(JsonNode node) {
        return node != null && node.isObject() && namesStorable(node);
    }

    private static boolean namesStorable(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.startsWith("$") || name.indexOf('\0') >= 0 || !namesStorable(field.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!namesStorable(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * JSON text of an object read straight into a document: the same document as
     * {@code toDocument(mapper.readTree(json))} with the store's mapper (floats as exact decimals),
     * without building the tree in between. Null when the tree path must decide: the text is not
     * an object, a field name is not storable ({@link #storableAsDocument}) or repeats, or a token
     * has no JSON-text form. Serialized payloads reach the store this way (one pass instead of a parse
     * into a tree and a walk of it, issue 19).
     *
     * @param parser a parser over the text, before its first token
     */
    public static BsonDocument readDocument(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        BsonDocument document = readObject(parser);
        return document == null || parser.nextToken() != null ? null : document;
    }

    /** The object whose START_OBJECT is the current token, up to its END_OBJECT; null: see above. */
    private static BsonDocument readObject(JsonParser parser) throws IOException {
        BsonDocument document = new BsonDocument();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (name.startsWith("$") || name.indexOf('\0') >= 0) {
                return null;
            }
            parser.nextToken();
            BsonValue value = readValue(parser);
            if (value == null) {
                return null;
            }
            if (document.put(name, value) != null) {
                return null; // a repeated name: the tree's way decides (its mapper may refuse it)
            }
        }
        return document;
    }

    private static BsonValue readValue(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT:
                return readObject(parser);
            case START_ARRAY: {
                BsonArray array = new BsonArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    BsonValue element = readValue(parser);
                    if (element == null) {
                        return null;
                    }
                    array.add(element);
                }
                return array;
            }
            case VALUE_STRING:
                return new BsonString(parser.getText());
            case VALUE_TRUE:
                return BsonBoolean.TRUE;
            case VALUE_FALSE:
                return BsonBoolean.FALSE;
            case VALUE_NULL:
                return BsonNull.VALUE;
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return new BsonInt32(parser.getIntValue());
                    case LONG:
                        return new BsonInt64(parser.getLongValue());
                    default:
                        return bigInteger(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                if (parser.isNaN()) {
                    return new BsonDouble(parser.getDoubleValue());
                }
                return decimal(parser.getDecimalValue());
            default:
                return null;
        }
    }

    public static BsonDocument toDocument(JsonNode object) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("Not a JSON object: " + object.getNodeType());
        }
        return (BsonDocument) toBson(object);
    }

    public static BsonValue toBson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                BsonDocument document = new BsonDocument();
                node.fields().forEachRemaining(e -> document.append(e.getKey(), toBson(e.getValue())));
                return document;
            }
            case ARRAY: {
                BsonArray array = new BsonArray();
                node.forEach(element -> array.add(toBson(element)));
                return array;
            }
            case STRING:
                return new BsonString(node.textValue());
            case BOOLEAN:
                return BsonBoolean.valueOf(node.booleanValue());
            case NULL:
            case MISSING:
                return BsonNull.VALUE;
            case BINARY:
                try {
                    return new BsonBinary(node.binaryValue());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            case NUMBER:
                return number(node);
            default:
                // POJO nodes do not occur in trees read from serialized bytes.
                return new BsonString(node.asText());
        }
    }

    private static BsonValue number(JsonNode node) {
        if (node.isInt() || node.isShort()) {
            return new BsonInt32(node.intValue());
        }
        if (node.isLong()) {
            return new BsonInt64(node.longValue());
        }
        if (node.isBigInteger()) {
            return bigInteger(node.bigIntegerValue());
        }
        if (node.isBigDecimal()) {
            return decimal(node.decimalValue());
        }
        return new BsonDouble(node.doubleValue());
    }

    private static BsonValue bigInteger(BigInteger value) {
        if (value.bitLength() < 64) {
            return new BsonInt64(value.longValue());
        }
        return decimal(new BigDecimal(value)); // beyond Decimal128's 34 digits: text, as for decimals
    }

    private static BsonValue decimal(BigDecimal value) {
        try {
            return new BsonDecimal128(new Decimal128(value));
        } catch (NumberFormatException tooPrecise) {
            return new BsonString(value.toString());
        }
    }

    public static JsonNode toJson(BsonValue value) {
        switch (value.getBsonType()) {
            case DOCUMENT: {
                ObjectNode object = NODES.objectNode();
                value.asDocument().forEach((k, v) -> object.set(k, toJson(v)));
                return object;
            }
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                value.asArray().forEach(v -> array.add(toJson(v)));
                return array;
            }
            case STRING:
                return NODES.textNode(value.asString().getValue());
            case BOOLEAN:
                return NODES.booleanNode(value.asBoolean().getValue());
            case NULL:
            case UNDEFINED:
                return NODES.nullNode();
            case INT32:
                return NODES.numberNode(value.asInt32().getValue());
            case INT64:
                return NODES.numberNode(value.asInt64().getValue());
            case DOUBLE:
                return NODES.numberNode(value.asDouble().getValue());
            case DECIMAL128:
                return NODES.numberNode(value.asDecimal128().getValue().bigDecimalValue());
            case BINARY:
                return NODES.binaryNode(value.asBinary().getData());
            case DATE_TIME:
                return NODES.textNode(java.time.Instant.ofEpochMilli(value.asDateTime().getValue()).toString());
            case OBJECT_ID:
                return NODES.textNode(value.asObjectId().getValue().toHexString());
            default:
                return NODES.textNode(value.toString());
        }
    }
}
