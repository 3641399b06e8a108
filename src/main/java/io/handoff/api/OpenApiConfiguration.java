package io.handoff.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.decision.Decision;
import io.handoff.orchestration.Records;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}), written for generated
 * clients: every schema typed and distinctly named ({@link SchemaNames}), the contract's JSON Schema hoisted into
 * components ({@link ContractComponents}), both credentials as security schemes, and every operation's id, success
 * answers and problem answers from {@link ApiOperations}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String API_KEY = "ApiKey";
    static final String BEARER = "BearerJwt";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String EDGE_BAD_REQUEST = "bad-request: the request cannot be read (an encoded NUL or invalid UTF-8 "
            + "in the path, a request line over its limit)";

    /**
     * Answers any request can get before an operation is chosen (x-status: the HTTP status): listed once, so a client
     * knows every code the service may send, whatever the path.
     */
    static final Map<String, String[]> EDGE = new LinkedHashMap<>();

    static {
        EDGE.put("EdgeBadRequest", new String[] {"400", EDGE_BAD_REQUEST + "; bad-path: a path value the service refuses "
                + "(;, %25, %2F, %5C, control characters, ..); bad-query: a query string that is not percent-encoded UTF-8 "
                + "text (a bare %, %FF, an encoded surrogate or NUL), has a parameter without a name (?=x) or over 1,000 parameters"});
        EDGE.put("EdgeNotFound", new String[] {"404", "not-found: no operation has this path"});
        EDGE.put("EdgeMethodNotAllowed", new String[] {"405", "method-not-allowed: the path has no operation for this method (Allow)"});
        EDGE.put("EdgeContentTooLarge", new String[] {"413", "payload-too-large: over the body cap"});
        EDGE.put("EdgeUnsupportedMediaType", new String[] {"415", "unsupported-media-type, unsupported-content-encoding"});
    }

    static {
        // JSON trees in records are objects to a client, never Jackson's node classes
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema())
                .replaceWithSchema(ObjectNode.class, new ObjectSchema());
    }

    @Bean
    OpenApiCustomizer handoffApi() {
        return openApi -> {
            openApi.info(new Info().title("Handoff-contract decision service").version("v1")
                    .description("Validate, score, guard, route and trace handoff contracts with Drools rules and decision tables. "
                            + "Every error is application/problem+json with a stable code."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            if (components.getSchemas() == null) {
                components.setSchemas(new TreeMap<>());
            }
            for (Class<?> type : List.of(Decision.class, Records.Attempt.class, Records.OutcomeReport.class)) {
                ModelConverters.getInstance(true).readAll(new AnnotatedType(type)).forEach(components::addSchemas);
            }
            components.getSchemas().keySet().removeIf(name -> name.endsWith("StreamingResponseBody") || name.endsWith("JsonNode"));
            Map<String, Schema<?>> handMade = new LinkedHashMap<>(WireSchemas.all());
            handMade.putAll(ContractComponents.schemas());
            SchemaNames.shorten(openApi, handMade.keySet());
            handMade.forEach(components::addSchemas);
            Schema<?> auditRecord = components.getSchemas().get("AuditRecord");
            if (auditRecord != null) {
                auditRecord.getProperties().put("record", WireSchemas.ref(WireSchemas.AUDIT_BODY));
                Schema<?> packed = auditRecord.getProperties().get("packed");
                if (packed != null) {
                    packed.description("Only in an export, only for format 3: the body as stored, a zlib stream (RFC 1950), base64."
                            + " The hash covers these bytes; they inflate to `record` written compactly (docs/audit.md).");
                }
            }
            components.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER).name("X-API-Key").description("An API key; its roles decide what it may call."))
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT").description("Accepted when an issuer is configured; roles from the 'roles' claim."));
            EDGE.forEach((name, edge) -> {
                ApiResponse response = new ApiResponse().description(edge[1])
                        .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(WireSchemas.ref(WireSchemas.PROBLEM))));
                response.addExtension("x-status", Integer.valueOf(edge[0]));
                components.addResponses(name, response);
            });
            openApi.setTags(null);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> document(path, method, operation)));
        };
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        ApiOperations.Documented documented = ApiOperations.ALL.get(method.name() + " " + path);
        OperationShapes.apply(path, method, operation);
        if (operation.getTags() != null) { // audit-controller -> audit: generated clients get AuditApi, not AuditControllerApi
            operation.setTags(operation.getTags().stream().map(tag -> tag.replace("-controller", "")).toList());
        }
        Map<String, String> problems = new TreeMap<>();
        boolean open = path.startsWith("/api/v1/schemas/");
        if (!open) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)));
            problems.put("401", "unauthenticated: no key or token, or an unknown or revoked one");
            problems.put("403", "forbidden: the caller's role does not allow this");
        } else {
            operation.setSecurity(List.of());
        }
        problems.put("400", EDGE_BAD_REQUEST);
        if (path.contains("{")) {
            problems.merge("400", "bad-path: a path value the service refuses (encoded slash, control character, ...)",
                    (a, b) -> a + "; " + b);
        }
        if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()))) {
            problems.merge("400", "bad-parameter: a query parameter is invalid", (a, b) -> a + "; " + b);
        }
        if (operation.getRequestBody() != null) {
            problems.merge("400", "malformed-json: the body is not valid JSON, not UTF-8 (a NUL byte, as UTF-16 and UTF-32"
                    + " text holds, included) or spells half a UTF-16 surrogate pair (\\ud800 without its pair, named by pointer,"
                    + " line and column)", (a, b) -> a + "; " + b);
            problems.put("413", "payload-too-large: over the body cap");
            if (!isContractBody(operation)) { // a contract's over-long field is a schema violation (invalid-contract)
                problems.merge("422", "field-too-long: a free-text field over its limit (errors[].pointer)", (a, b) -> a + "; " + b);
            }
            problems.put("415", "unsupported-media-type, unsupported-content-encoding");
        }
        problems.put("500", "internal-error (quote errorId)");
        if (documented != null) {
            documented.problems().forEach((status, codes) -> problems.merge(status, codes, (a, b) -> a + "; " + b));
            operation.setOperationId(documented.operationId());
            success(operation, documented.success());
            OperationShapes.examples(path, method, operation);
        }
        problems.forEach((status, text) -> operation.getResponses().addApiResponse(status, new ApiResponse().description(text)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(WireSchemas.ref(WireSchemas.PROBLEM))))));
    }

    private static boolean isContractBody(Operation operation) {
        Content content = operation.getRequestBody().getContent();
        MediaType json = content == null ? null : content.get("application/json");
        return json != null && json.getSchema() != null
                && ("#/components/schemas/" + ContractComponents.ROOT).equals(json.getSchema().get$ref());
    }

    /** Replaces springdoc's guessed 200 with the operation's real success answers, keeping the body it found where none is named. */
    private static void success(Operation operation, List<ApiOperations.Answer> answers) {
        ApiResponses responses = operation.getResponses();
        ApiResponse guessed = responses.remove("200");
        Content found = guessed == null ? null : guessed.getContent();
        for (ApiOperations.Answer answer : answers) {
            Content content = answer.schema() == null ? found
                    : new Content().addMediaType(mediaTypeOf(found), new MediaType().schema(WireSchemas.ref(answer.schema())));
            ApiResponse response = new ApiResponse().description(answer.description()).content(content);
            if (answer.status().equals("201")) {
                response.addHeaderObject("Location", new Header().schema(new StringSchema()).description("The created resource"));
            }
            if (answer.status().equals("202")) {
                response.addHeaderObject("Location", new Header().schema(new StringSchema()).description("Where the report will be"));
            }
            responses.addApiResponse(answer.status(), response);
        }
    }

    private static String mediaTypeOf(Content found) {
        return found == null || found.isEmpty() || found.containsKey("*/*") ? "application/json" : found.keySet().iterator().next();
    }

    static Parameter query(String name, Schema<?> schema, String description) {
        return new Parameter().in("query").name(name).required(false).schema(schema).description(description);
    }
}
