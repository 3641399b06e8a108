package io.handoff.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Rewrites every {@code $ref} of an OpenAPI document (component schemas, parameters, bodies, responses, and every
 * schema nested in them): renaming a component or hoisting the contract's {@code $defs} keeps the document whole.
 */
final class SchemaRefs {
    private SchemaRefs() {
    }

    static void rewrite(OpenAPI api, UnaryOperator<String> change) {
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(schema -> rewrite(schema, change));
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> rewrite(operation, change)));
    }

    private static void rewrite(Operation operation, UnaryOperator<String> change) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> rewrite(parameter.getSchema(), change));
        }
        if (operation.getRequestBody() != null) {
            rewrite(operation.getRequestBody().getContent(), change);
        }
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> rewrite(response.getContent(), change));
        }
    }

    private static void rewrite(Content content, UnaryOperator<String> change) {
        if (content != null) {
            content.values().forEach(media -> rewrite(media.getSchema(), change));
        }
    }

    static void rewrite(Schema<?> schema, UnaryOperator<String> change) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            schema.set$ref(change.apply(schema.get$ref()));
        }
        List<Schema<?>> nested = new ArrayList<>();
        add(nested, schema.getProperties());
        add(nested, schema.getPatternProperties());
        add(nested, schema.getDependentSchemas());
        add(nested, schema.getAllOf());
        add(nested, schema.getAnyOf());
        add(nested, schema.getOneOf());
        add(nested, schema.getPrefixItems());
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            nested.add(additional);
        }
        for (Schema<?> one : new Schema<?>[] {schema.getItems(), schema.getNot(), schema.getContains(), schema.getIf(),
                schema.getThen(), schema.getElse(), schema.getPropertyNames(), schema.getUnevaluatedProperties(),
                schema.getUnevaluatedItems(), schema.getAdditionalItems(), schema.getContentSchema()}) {
            if (one != null) {
                nested.add(one);
            }
        }
        nested.forEach(child -> rewrite(child, change));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void add(List<Schema<?>> nested, Object schemas) {
        if (schemas instanceof Map map) {
            nested.addAll((Collection<Schema<?>>) map.values());
        } else if (schemas instanceof Collection collection) {
            nested.addAll(collection);
        }
    }
}
