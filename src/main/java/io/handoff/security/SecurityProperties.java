package io.handoff.security;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys by name, each stored as the SHA-256 of the key with its roles:
 * {@code handoff.security.keys.<name>.sha256=...}, {@code handoff.security.keys.<name>.roles=auditor}.
 * {@code refuse-development-keys=true} (the prod profile) stops startup while any documented development key
 * is still configured.
 */
@ConfigurationProperties("handoff.security")
public record SecurityProperties(Map<String, Key> keys, @DefaultValue("false") boolean refuseDevelopmentKeys) {
    public SecurityProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    public record Key(String sha256, List<String> roles) {
        public Key {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
