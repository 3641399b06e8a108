package io.handoff.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.handoff.audit.AuditEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit record of an API key created or revoked: who, which key (id, name, roles), when. Never the secret or
 * its hash: the chain proves who could act when, not how to act as them.
 */
final class KeyEvents {
    static final String CREATED = "key-created";
    static final String REVOKED = "key-revoked";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KeyEvents() {
    }

    static AuditEntry entry(String event, StoredKeys.StoredKey key, String actor, Instant at) {
        String recordId = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recordId", recordId);
        body.put("kind", AuditEntry.KEY_EVENT);
        body.put("outcome", event);
        body.put("keyId", key.id());
        body.put("name", key.name());
        body.put("roles", key.roles());
        body.put("actor", actor);
        body.put("recordedAt", at.toString());
        return new AuditEntry(recordId, AuditEntry.KEY_EVENT, null, null, null, event, null, null, null, at,
                JSON.writeValueAsString(body), List.of(), List.of());
    }
}
