package io.handoff.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.handoff.audit.CanonicalJson;

/**
 * The configured keys and the keys admins created ({@link StoredKeys}), looked up by the SHA-256 of what a
 * caller presents: every known hash is compared, in constant time, whichever matches.
 */
public final class ApiKeys {
    /** Development keys documented in the README; the prod profile refuses to start while any is configured. */
    public static final List<String> DEVELOPMENT_KEYS = List.of("dev-decider-key", "dev-analyst-key", "dev-approver-key",
            "dev-auditor-key", "dev-admin-key");

    /** A caller that presented a known key. */
    public record Caller(String name, List<Role> roles) {
    }

    private final Map<String, Caller> byHash = new HashMap<>();
    private final Supplier<Map<String, Caller>> stored;

    /** Only the configured keys. */
    public ApiKeys(SecurityProperties properties) {
        this(properties, Map::of);
    }

    /** The configured keys and {@code stored}: the active stored keys by hash, asked on every lookup. */
    public ApiKeys(SecurityProperties properties, Supplier<Map<String, Caller>> stored) {
        this.stored = stored;
        properties.keys().forEach((name, key) -> {
            if (key.sha256() == null || !key.sha256().matches("[0-9a-f]{64}")) {
                throw new IllegalStateException("handoff.security.keys." + name + ".sha256 must be 64 lower-case hex characters");
            }
            byHash.put(key.sha256(), new Caller(name, key.roles().stream().map(Role::of).toList()));
        });
        if (properties.refuseDevelopmentKeys() && usesDevelopmentKeys()) {
            throw new IllegalStateException("refusing to start: a development key (" + DEVELOPMENT_KEYS + ") is configured; "
                    + "set your own keys (handoff.security.keys.<name>.sha256) in production");
        }
    }

    /**
     * The caller a presented key belongs to. Keys are looked up by the SHA-256 of the secret: the map key is itself
     * a hash, so a lookup's timing tells nothing about any stored secret.
     */
    public Optional<Caller> find(String presentedKey) {
        String hash = sha256(presentedKey);
        Caller configured = byHash.get(hash);
        return Optional.ofNullable(configured != null ? configured : stored.get().get(hash));
    }

    /**
     * Whether a principal still has a key: a configured one, or a stored one not revoked. Key names are never
     * reused (a revoked key's name stays taken), so a name that is no longer active belongs to a revoked key.
     */
    public boolean active(String name) {
        return byHash.values().stream().anyMatch(c -> c.name().equals(name))
                || stored.get().values().stream().anyMatch(c -> c.name().equals(name));
    }

    public boolean usesDevelopmentKeys() {
        return DEVELOPMENT_KEYS.stream().anyMatch(k -> byHash.containsKey(sha256(k)));
    }

    public static String sha256(String key) {
        return CanonicalJson.sha256(key);
    }
}
