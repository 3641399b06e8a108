package io.handoff.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event worth telling someone about. {@code eventId} is derived from what happened (the incident, the approval,
 * the history record), so the same event can never be written twice and every redelivery carries the same id.
 * {@code teams}: the sending and receiving teams (empty for service-wide events such as a rollback); {@code urgent}:
 * a sev1 or urgent handoff, for paging webhooks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notice(String eventId, String kind, Instant occurredAt, String contractId, String domain, List<String> teams,
                     String severity, boolean urgent, String summary, String link, Map<String, Object> data) {
    public Notice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        NoticeKind.of(kind).orElseThrow(() -> new IllegalArgumentException("unknown notice kind " + kind));
        Severity.ofWire(severity);
        teams = teams == null ? List.of() : teams.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, Object> present = new java.util.LinkedHashMap<>();
        if (data != null) {
            data.forEach((key, value) -> {
                if (value != null) {
                    present.put(key, value);
                }
            });
        }
        data = java.util.Collections.unmodifiableMap(present);
    }

    /** The id of {@code kind} happening to {@code subject} (an incident id, an approval id, a record id). */
    public static String eventId(NoticeKind kind, String subject) {
        return UUID.nameUUIDFromBytes((kind.wire() + "/" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
