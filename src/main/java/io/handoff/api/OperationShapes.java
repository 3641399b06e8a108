package io.handoff.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.handoff.rulemodel.Postures;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request side springdoc cannot see where a controller reads the raw request: the decision and preflight bodies
 * (the contract), a ruleset submission (a zip, or JSON to reload the folders, with {@code actor} and {@code reason}),
 * the audit search and export filters as separate query parameters, and the media types of the schema and export.
 */
final class OperationShapes {
    private static final JsonMapper EXAMPLES = JsonMapper.builder().build();

    private OperationShapes() {
    }

    static void apply(String path, PathItem.HttpMethod method, Operation operation) {
        boolean post = method == PathItem.HttpMethod.POST;
        switch (path) {
            case "/api/v1/decisions" -> {
                if (post) {
                    operation.requestBody(contractBody());
                } else {
                    operation.setParameters(auditFilters(true));
                }
            }
            case "/api/v1/decisions/export" -> {
                List<Parameter> filters = auditFilters(false);
                filters.add(OpenApiConfiguration.query("format", new StringSchema()._enum(List.of("ndjson", "csv"))._default("ndjson"),
                        "ndjson: one AuditRecord per line; csv: one DecisionSummary per row"));
                operation.setParameters(filters);
                operation.getResponses().get("200").content(new Content()
                        .addMediaType("application/x-ndjson", new MediaType().schema(new StringSchema()
                                .description("One AuditRecord JSON object per line, oldest first")))
                        .addMediaType("text/csv", new MediaType().schema(new StringSchema()
                                .description("A header row, then one DecisionSummary per row"))));
            }
            case "/api/v1/preflight" -> {
                if (post) {
                    operation.requestBody(contractBody());
                }
            }
            case "/api/v1/rulesets" -> {
                if (post) {
                    operation.requestBody(new RequestBody().required(true).content(new Content()
                            .addMediaType("application/zip", new MediaType().schema(new StringSchema().format("binary")
                                    .description("rules/ and decision-tables/ with their cases, at most 20 MiB")))
                            .addMediaType("application/json", new MediaType().schema(WireSchemas.ref(WireSchemas.RULESET_RELOAD)))));
                    operation.setParameters(new ArrayList<>(List.of(
                            OpenApiConfiguration.query("reason", new StringSchema().maxLength(2000), "Why this candidate (recorded)"),
                            OpenApiConfiguration.query("actor", new StringSchema().maxLength(200),
                                    "Optional; when sent it must be the caller's own principal (403 acting-as-other)"))));
                }
            }
            case "/api/v1/rulesets/{version}/try" -> operation.requestBody(contractBody());
            case "/api/v1/schemas/handoff-contract" -> operation.getResponses().get("200").content(new Content()
                    .addMediaType("application/schema+json", new MediaType().schema(WireSchemas.ref(WireSchemas.JSON_SCHEMA))));
            default -> {
            }
        }
    }

    private static RequestBody contractBody() {
        return new RequestBody().required(true).description("A handoff contract (JSON Schema draft 2020-12, at most 256 KiB)")
                .content(new Content().addMediaType("application/json",
                        new MediaType().schema(WireSchemas.ref(ContractComponents.ROOT))
                                .addExamples("enterprise-sev1", example("cs-enterprise-sev1-to-engineering.json",
                                        "A support ticket from an enterprise sev1 handed to engineering"))
                                .addExamples("product-spec", example("pm-spec-to-engineering.json",
                                        "A product spec handed to engineering"))));
    }

    /** After the success answers are set: the decision the first sample contract gets, on the operations answering one. */
    static void examples(String path, PathItem.HttpMethod method, Operation operation) {
        if (method == PathItem.HttpMethod.POST && (path.equals("/api/v1/decisions") || path.equals("/api/v1/rulesets/{version}/try"))) {
            MediaType json = operation.getResponses().get("200").getContent().get("application/json");
            if (json != null) {
                json.addExamples("enterprise-sev1", example("decision-enterprise-sev1.json",
                        "The decision on the enterprise-sev1 sample contract (trace abridged)"));
            }
        }
    }

    /** A shipped sample (src/main/resources/openapi-examples/) as an OpenAPI example; its value is the JSON document. */
    private static Example example(String file, String summary) {
        try (InputStream in = OperationShapes.class.getResourceAsStream("/openapi-examples/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing OpenAPI example " + file);
            }
            return new Example().summary(summary).value(EXAMPLES.readValue(in, LinkedHashMap.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The filters of {@link AuditQueryParameters}, one query parameter each. */
    private static List<Parameter> auditFilters(boolean paged) {
        List<Parameter> filters = new ArrayList<>();
        filters.add(OpenApiConfiguration.query("kind", new StringSchema()._enum(AuditQueryParameters.KINDS),
                "Record kind; default: decisions and rejected attempts"));
        filters.add(OpenApiConfiguration.query("contractId", new StringSchema().maxLength(64), null));
        filters.add(OpenApiConfiguration.query("domain", new StringSchema()._enum(AuditQueryParameters.DOMAINS), null));
        filters.add(OpenApiConfiguration.query("outcome", new StringSchema().maxLength(64),
                "For decisions: accept, accept-pending-approval, return-to-sender, escalate, invalid-contract"));
        filters.add(OpenApiConfiguration.query("posture", new StringSchema()._enum(Postures.ORDER), null));
        filters.add(OpenApiConfiguration.query("rulesetVersion", new StringSchema().maxLength(128), null));
        filters.add(OpenApiConfiguration.query("ruleId", new StringSchema().maxLength(128), "Records whose trace fired this rule"));
        filters.add(OpenApiConfiguration.query("gate", new StringSchema().maxLength(128), "Records that required this approval gate"));
        filters.add(OpenApiConfiguration.query("from", new StringSchema().format("date-time"), "Recorded at or after"));
        filters.add(OpenApiConfiguration.query("to", new StringSchema().format("date-time"), "Recorded before"));
        filters.add(OpenApiConfiguration.query("cursor", new IntegerSchema().format("int64"), "nextCursor of the previous page"));
        if (paged) {
            Schema<?> limit = new IntegerSchema().minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(500))._default(50);
            filters.add(OpenApiConfiguration.query("limit", limit, null));
        }
        return filters;
    }
}
