package io.handoff.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebhookFilterTest {
    private static final String SECRET = "a-secret-of-sixteen+";

    private static Notice notice(String kind, String domain, List<String> teams, boolean urgent) {
        return new Notice("e-1", kind, Instant.parse("2026-12-01T00:00:00Z"), domain == null ? null : "HC-1", domain, teams,
                "high", urgent, "s", "/x", Map.of());
    }

    private static Webhook hook(List<String> kinds, List<String> teams, List<String> domains, boolean urgentOnly) {
        return new Webhook("w", URI.create("http://127.0.0.1:9/hook"), SECRET, kinds, teams, domains, urgentOnly);
    }

    @Test
    void kindsTeamsDomainsAndUrgencyNarrowWhatAWebhookGets() {
        Notice escalation = notice("handoff-escalated", "customer-support", List.of("support-tier2", "eng-platform"), false);
        assertThat(hook(List.of(), List.of(), List.of(), false).accepts(escalation)).isTrue();
        assertThat(hook(List.of("incident-opened"), List.of(), List.of(), false).accepts(escalation)).isFalse();
        assertThat(hook(List.of(), List.of("eng-platform"), List.of(), false).accepts(escalation)).isTrue();
        assertThat(hook(List.of(), List.of("eng-billing"), List.of(), false).accepts(escalation)).isFalse();
        assertThat(hook(List.of(), List.of(), List.of("product-management"), false).accepts(escalation)).isFalse();
        assertThat(hook(List.of(), List.of(), List.of(), true).accepts(escalation)).isFalse();
        assertThat(hook(List.of(), List.of(), List.of(), true).accepts(notice("handoff-escalated", "customer-support", List.of(), true))).isTrue();
    }

    @Test
    void serviceWideNoticesIgnoreTeamDomainAndUrgencyFilters() {
        Notice rollback = notice("automatic-rollback", null, List.of(), false);
        assertThat(hook(List.of("automatic-rollback"), List.of("eng-billing"), List.of("product-management"), true).accepts(rollback)).isTrue();
    }

    @Test
    void refusesUnknownKindsMissingSecretsAndOtherSchemes() {
        assertThatThrownBy(() -> hook(List.of("incident-opend"), null, null, false)).hasMessageContaining("unknown kind incident-opend");
        assertThatThrownBy(() -> new Webhook("w", URI.create("http://x/"), "short", null, null, null, false)).hasMessageContaining("secret");
        assertThatThrownBy(() -> new Webhook("w", URI.create("file:///etc/passwd"), SECRET, null, null, null, false))
                .hasMessageContaining("http or https");
    }

    @Test
    void signsTheExactBodyWithHmacSha256() {
        byte[] body = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
        String header = Signature.of(SECRET, body);
        assertThat(header).startsWith("sha256=").hasSize(7 + 64);
        assertThat(Signature.verify(SECRET, body, header)).isTrue();
        assertThat(Signature.verify(SECRET, "{\"eventId\":\"e-2\"}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(Signature.verify("another-secret-sixteen", body, header)).isFalse();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        NotifyProperties p = new NotifyProperties(List.of(), 8, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(60), null);
        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(9)))
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
    }

    @Test
    void severityIsTheHighestOfSeverityPriorityRiskAndPosture() {
        assertThat(Severity.of("sev3", "normal", null, "critical")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.of("sev3", "high", null, "green")).isEqualTo(Severity.HIGH);
        assertThat(Severity.of(null, null, "high", "amber")).isEqualTo(Severity.HIGH);
        assertThat(Severity.of("sev4", "low", null, "green")).isEqualTo(Severity.LOW);
        assertThat(Severity.urgent("sev2", "urgent")).isTrue();
        assertThat(Severity.urgent("sev2", "high")).isFalse();
    }
}
