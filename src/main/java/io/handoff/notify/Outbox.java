package io.handoff.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where events become deliveries. {@link #emit} writes one row per notice and matching webhook with the caller's
 * JDBC template, so inside the caller's transaction: the notice commits with the event it announces or not at all,
 * and survives any restart until it is delivered. With no webhook configured it writes nothing.
 */
public final class Outbox {
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final OutboxStore store;
    private final NotifyProperties properties;
    private final Clock clock;

    public Outbox(JdbcTemplate jdbc, NotifyProperties properties, Clock clock) {
        this.store = new OutboxStore(jdbc);
        this.properties = properties;
        this.clock = clock;
    }

    public NotifyProperties properties() {
        return properties;
    }

    /** Writes the notices for every webhook that wants them, in the caller's transaction. */
    public void emit(List<Notice> notices) {
        if (properties.webhooks().isEmpty() || notices.isEmpty()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Delivery> rows = new ArrayList<>();
        for (Notice notice : notices) {
            String body = null;
            for (Webhook webhook : properties.webhooks()) {
                if (webhook.accepts(notice)) {
                    body = body == null ? JSON.writeValueAsString(notice) : body;
                    rows.add(new Delivery(deliveryId(notice.eventId(), webhook.name()), notice.eventId(), webhook.name(), notice.kind(),
                            notice.contractId(), notice.severity(), Delivery.PENDING, 0, now, null, null, now, null, body));
                }
            }
        }
        store.insert(rows);
    }

    /**
     * Like {@link #emit} for events found by a sweep rather than made by a step (an approval past its due time):
     * a notice already written is skipped, so sweeping twice notifies once.
     */
    public void emitOnce(List<Notice> notices) {
        emit(notices.stream().filter(n -> properties.webhooks().stream()
                .noneMatch(w -> w.accepts(n) && store.exists(deliveryId(n.eventId(), w.name())))).toList());
    }

    public List<Delivery> deliveries(String status, String eventId, int limit) {
        return store.list(status, eventId, Math.max(1, Math.min(limit, 500)));
    }

    public Optional<Delivery> delivery(String deliveryId) {
        return store.find(deliveryId);
    }

    /** Puts a dead-lettered delivery back in line (same event id, same body); empty when there is none, false when not dead. */
    public Optional<Boolean> retry(String deliveryId) {
        if (store.find(deliveryId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store.revive(deliveryId, clock.instant()));
    }

    static String deliveryId(String eventId, String webhook) {
        return UUID.nameUUIDFromBytes((eventId + "/" + webhook).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
