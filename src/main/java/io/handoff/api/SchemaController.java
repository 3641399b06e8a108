package io.handoff.api;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.contract.ContractSchema;

/** {@code GET /api/v1/schemas/handoff-contract}: the JSON Schema every contract is validated against. */
@RestController
class SchemaController {
    private static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    @GetMapping("/api/v1/schemas/handoff-contract")
    ResponseEntity<byte[]> contractSchema() {
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(ContractSchema.bytes());
    }
}
