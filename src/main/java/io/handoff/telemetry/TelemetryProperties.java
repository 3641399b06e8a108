package io.handoff.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.telemetry.link-template}: a dashboard address with {@code {traceId}}, {@code {contractId}} and
 * {@code {decisionId}} placeholders, rendered into handoff reports, incident packets and the console (absent: no link).
 * {@code handoff.telemetry.max-teams}: how many sending teams not named in a rollout rule get a metric label of their
 * own before the rest are counted as {@code other} (team names come from contracts: the label set must stay bounded).
 */
@ConfigurationProperties("handoff.telemetry")
public record TelemetryProperties(String linkTemplate, @DefaultValue("20") int maxTeams) {
    public TelemetryProperties {
        if (maxTeams < 0) {
            throw new IllegalArgumentException("handoff.telemetry.max-teams must not be negative");
        }
        linkTemplate = linkTemplate == null || linkTemplate.isBlank() ? null : linkTemplate.strip();
    }
}
