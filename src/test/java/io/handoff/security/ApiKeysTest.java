package io.handoff.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private static final Map<String, SecurityProperties.Key> DEV = Map.of("dev-auditor",
            new SecurityProperties.Key(ApiKeys.sha256("dev-auditor-key"), List.of("auditor")));

    @Test
    void findsCallersByTheirKeyAndRefusesUnknownKeys() {
        ApiKeys keys = new ApiKeys(new SecurityProperties(Map.of("ops", new SecurityProperties.Key(ApiKeys.sha256("s3cret-ops"),
                List.of("auditor", "analyst"))), false));
        assertThat(keys.find("s3cret-ops")).hasValueSatisfying(caller -> {
            assertThat(caller.name()).isEqualTo("ops");
            assertThat(caller.roles()).containsExactly(Role.AUDITOR, Role.ANALYST);
        });
        assertThat(keys.find("s3cret-op")).isEmpty();
    }

    @Test
    void findsStoredKeysBesideConfiguredOnesAndForgetsThemOnceRevoked() {
        Map<String, ApiKeys.Caller> stored = new HashMap<>();
        ApiKeys keys = new ApiKeys(new SecurityProperties(DEV, false), () -> Map.copyOf(stored));
        stored.put(ApiKeys.sha256("hk_created"), new ApiKeys.Caller("ops-created", List.of(Role.DECIDER)));
        assertThat(keys.find("hk_created")).map(ApiKeys.Caller::name).hasValue("ops-created");
        assertThat(keys.find("dev-auditor-key")).map(ApiKeys.Caller::name).hasValue("dev-auditor");
        stored.clear();
        assertThat(keys.find("hk_created")).isEmpty();
        assertThat(keys.find("dev-auditor-key")).isPresent();
    }

    @Test
    void productionRefusesToStartWithDevelopmentKeys() {
        assertThat(new ApiKeys(new SecurityProperties(DEV, false)).usesDevelopmentKeys()).isTrue();
        assertThatThrownBy(() -> new ApiKeys(new SecurityProperties(DEV, true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dev-auditor-key");
    }

    @Test
    void unknownRoleIsAConfigurationError() {
        assertThatThrownBy(() -> new ApiKeys(new SecurityProperties(Map.of("x", new SecurityProperties.Key(ApiKeys.sha256("k"),
                List.of("superuser"))), false))).hasMessageContaining("superuser");
    }
}
