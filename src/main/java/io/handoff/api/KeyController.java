package io.handoff.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.security.KeyRequestException;
import io.handoff.security.StoredKeys;
import jakarta.servlet.http.HttpServletRequest;

/**
 * API keys for admins: create (the secret is in that answer only), list and revoke. Who created or revoked a
 * key is the authenticated caller, kept with the key and written to the application log.
 */
@RestController
class KeyController {
    private final StoredKeys keys;

    KeyController(StoredKeys keys) {
        this.keys = keys;
    }

    record KeyRequest(String name, List<String> roles) {
    }

    record CreatedKey(String id, String name, List<String> roles, Instant createdAt, String createdBy,
                      String secret, String note) {
    }

    record KeyList(List<StoredKeys.StoredKey> keys) {
    }

    @PostMapping("/api/v1/admin/keys")
    ResponseEntity<CreatedKey> create(@RequestBody(required = false) KeyRequest body, HttpServletRequest request) {
        KeyRequest asked = body == null ? new KeyRequest(null, null) : body;
        StoredKeys.Created created = keys.create(asked.name(), asked.roles(), OrchestrationController.caller(request));
        StoredKeys.StoredKey key = created.key();
        return ResponseEntity.created(URI.create("/api/v1/admin/keys/" + key.id())).cacheControl(CacheControl.noStore())
                .body(new CreatedKey(key.id(), key.name(), key.roles(), key.createdAt(), key.createdBy(), created.secret(),
                        "the secret is shown only now; send it as X-API-Key"));
    }

    @GetMapping("/api/v1/admin/keys")
    KeyList list() {
        return new KeyList(keys.list());
    }

    @GetMapping("/api/v1/admin/keys/{id}")
    StoredKeys.StoredKey key(@PathVariable String id) {
        return keys.find(id).orElseThrow(() -> new NotFoundException(KeyRequestException.UNKNOWN, "no API key has id " + id));
    }

    @DeleteMapping("/api/v1/admin/keys/{id}")
    StoredKeys.StoredKey revoke(@PathVariable String id, HttpServletRequest request) {
        return keys.revoke(id, OrchestrationController.caller(request));
    }
}
