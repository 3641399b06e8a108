package io.handoff.api;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.contract.ContractSchema;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): the decision
 * endpoint's body is the contract JSON Schema itself, and its problem responses are listed with their codes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    private static Schema<?> contractSchema() {
        try {
            return Json31.mapper().readValue(ContractSchema.bytes(), Schema.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the contract schema is not valid JSON", e);
        }
    }

    @Bean
    OpenApiCustomizer handoffContract() {
        return openApi -> {
            openApi.info(new Info().title("Handoff-contract decision service").version("v1")
                    .description("Validate, score, guard, route and trace handoff contracts with Drools rules and decision tables."));
            Schema<?> contract = contractSchema();
            openApi.getComponents().addSchemas("HandoffContract", contract);
            Operation decide = openApi.getPaths().get("/api/v1/decisions").getPost();
            decide.summary("Decide a handoff contract").description("Recorded in the audit log before it is answered.");
            decide.requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/HandoffContract")))));
            Map.of("400", "malformed-json: the body is not JSON", "413", "payload-too-large: over handoff.api.max-body-size",
                    "415", "unsupported-media-type", "422", "invalid-contract: errors[] of {pointer, code, message}",
                    "503", "audit-unavailable: the decision could not be recorded, so it is not returned")
                    .forEach((status, text) -> decide.getResponses().addApiResponse(status, new ApiResponse().description(text)
                            .content(new Content().addMediaType("application/problem+json", new MediaType()))));
        };
    }
}
