package dev.zaiko.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Applies {@link InputText} to every text a JSON request body carries, wherever it sits: a
 * {@code String} field (also inside lists and maps), a map's key, and every string and property
 * name inside a {@code JsonNode} field; refuses a number or a boolean where text is expected
 * (Jackson would read {@code 12} as the text "12"); and refuses a number that is not finite (1e400
 * read as a double would otherwise be Infinity). The refusal is a {@link RefusedText} whose JSON path names
 * the field, which {@link ProblemDetailsAdvice} turns into a 400 {@code invalid-text} problem with
 * {@code field}.
 */
final class InputTextModule extends SimpleModule {

    InputTextModule() {
        super("zaiko-input-text");
        addDeserializer(String.class, new CheckedString(null));
        addDeserializer(JsonNode.class, new CheckedTree());
        addDeserializer(Double.class, new FiniteDouble(NumberDeserializers.find(Double.class)));
        addDeserializer(Double.TYPE, new FiniteDouble(NumberDeserializers.find(Double.TYPE)));
        addKeyDeserializer(String.class, new CheckedKey());
    }

    /** A refused text or number; its path (Jackson's) names the field. */
    static final class RefusedText extends MismatchedInputException {
        RefusedText(JsonParser p, String fault) {
            super(p, fault);
        }
    }

    /** Jackson's own String deserializer, then the rule; single-line unless the field is {@link MultiLineText}. */
    static final class CheckedString extends StringDeserializer {
        /** Null for a single-line field. */
        private final MultiLineText multiLine;

        CheckedString(MultiLineText multiLine) {
            this.multiLine = multiLine;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            MultiLineText multi = property == null ? null : property.getAnnotation(MultiLineText.class) != null
                    ? property.getAnnotation(MultiLineText.class) : property.getContextAnnotation(MultiLineText.class);
            return multi == multiLine ? this : new CheckedString(multi);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (!p.hasToken(tools.jackson.core.JsonToken.VALUE_STRING)) {
                // 12 or true where text is expected is a client's mistake, not a text "12" (Jackson would take it)
                throw MismatchedInputException.from(p, String.class, "must be text (in quotes), not " + what(p));
            }
            String text = super.deserialize(p, ctxt);
            String fault = InputText.fault(text, multiLine != null, multiLine == null ? 0 : multiLine.maxLength());
            if (fault != null) throw new RefusedText(p, fault);
            return text;
        }

        private static String what(JsonParser p) {
            if (p.currentToken() == null) return "nothing";
            return switch (p.currentToken()) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true or false";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> p.currentToken().name();
            };
        }

        @Override
        public boolean isCachable() {
            return false; // one instance per multi-line flag, decided per property
        }
    }

    static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
            String fault = InputText.fault(key, false);
            if (fault != null) throw new RefusedText(ctxt.getParser(), "has a key that " + fault);
            return key;
        }
    }

    /** A tree (e.g. a product's localized name or attributes): every string and every property name, single-line. */
    static final class CheckedTree extends ValueDeserializer<JsonNode> {
        @SuppressWarnings("unchecked")
        private final ValueDeserializer<JsonNode> tree =
                (ValueDeserializer<JsonNode>) JsonNodeDeserializer.getDeserializer(JsonNode.class);

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            JsonNode node = tree.deserialize(p, ctxt);
            List<Object> path = new ArrayList<>();
            String fault = fault(node, path);
            if (fault != null) {
                RefusedText refused = new RefusedText(p, fault);
                for (int i = path.size() - 1; i >= 0; i--) {
                    if (path.get(i) instanceof Integer index) refused.prependPath(node, index);
                    else refused.prependPath(node, (String) path.get(i));
                }
                throw refused;
            }
            return node;
        }

        private static String fault(JsonNode node, List<Object> path) {
            if (node.isString()) return InputText.fault(node.asString(), false);
            if (node.isNumber() && node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
                return "is not a finite number";
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.add(i);
                    String fault = fault(node.get(i), path);
                    if (fault != null) return fault;
                    path.remove(path.size() - 1);
                }
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    String keyFault = InputText.fault(e.getKey(), false);
                    if (keyFault != null) return "has a key that " + keyFault;
                    path.add(e.getKey());
                    String fault = fault(e.getValue(), path);
                    if (fault != null) return fault;
                    path.remove(path.size() - 1);
                }
            }
            return null;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return (JsonNode) tree.getNullValue(ctxt);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return tree.getAbsentValue(ctxt);
        }

        @Override
        public Class<?> handledType() {
            return JsonNode.class;
        }
    }

    /** Jackson's own double reading, then: Infinity (from 1e400) and NaN are not amounts, rates or sizes. */
    static final class FiniteDouble extends ValueDeserializer<Double> {
        private final ValueDeserializer<Double> standard;

        @SuppressWarnings("unchecked")
        FiniteDouble(ValueDeserializer<?> standard) {
            this.standard = (ValueDeserializer<Double>) standard;
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            Double value = standard.deserialize(p, ctxt);
            if (value != null && !Double.isFinite(value)) {
                throw new RefusedText(p, "is not a finite number");
            }
            return value;
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return (Double) standard.getNullValue(ctxt);
        }

        @Override
        public Class<?> handledType() {
            return standard.handledType();
        }
    }
}
