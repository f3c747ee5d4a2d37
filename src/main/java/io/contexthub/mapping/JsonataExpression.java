package io.contexthub.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.PermanentFailureException;
import java.util.Map;

/**
 * A compiled JSONata expression read from an asset file. JSONata hands numbers back as doubles; whole numbers
 * are turned back into integers so minor-unit amounts and epoch values stay exact in the canonical JSON.
 */
public final class JsonataExpression {

    private final String name;
    private final Jsonata expression;
    private final ObjectMapper mapper;

    private JsonataExpression(String name, Jsonata expression, ObjectMapper mapper) {
        this.name = name;
        this.expression = expression;
        this.mapper = mapper;
    }

    public static JsonataExpression compile(String name, String source, ObjectMapper mapper) {
        try {
            return new JsonataExpression(name, Jsonata.jsonata(source), mapper);
        } catch (JException e) {
            throw new IllegalStateException("JSONata expression " + name + " does not compile: "
                    + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** Evaluates against a JSON input; a missing result is returned as Jackson's missing node. */
    public JsonNode evaluate(JsonNode input) {
        Object result;
        try {
            Object in = mapper.convertValue(input, Object.class);
            synchronized (expression) {
                result = expression.evaluate(in);
            }
        } catch (JException e) {
            throw new PermanentFailureException("mapping " + name + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PermanentFailureException("mapping " + name + " failed: " + e, e);
        }
        if (result == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return normaliseNumbers(mapper.valueToTree(result));
    }

    private static JsonNode normaliseNumbers(JsonNode node) {
        if (node.isDouble() || node.isFloat()) {
            double value = node.doubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 9.0e15) {
                return JsonNodeFactory.instance.numberNode((long) value);
            }
            return node;
        }
        if (node instanceof ObjectNode object) {
            for (var it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(normaliseNumbers(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normaliseNumbers(array.get(i)));
            }
        }
        return node;
    }
}
