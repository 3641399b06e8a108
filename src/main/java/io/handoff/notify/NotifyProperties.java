package io.handoff.notify;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.notify.*}: the webhooks, and how deliveries are retried. A delivery that fails is tried again after
 * {@code firstBackoff}, doubling each time up to {@code maxBackoff}; after {@code maxAttempts} tries it is dead-lettered.
 * A claimed delivery not finished within {@code lease} (the instance died mid-send) is sent again with the same event
 * id. {@code respondWithin}: how soon each severity must be acted on (follow-ups' due times, overdue approvals).
 */
@ConfigurationProperties("handoff.notify")
public record NotifyProperties(List<Webhook> webhooks, @DefaultValue("8") int maxAttempts,
                               @DefaultValue("5s") Duration firstBackoff, @DefaultValue("15m") Duration maxBackoff,
                               @DefaultValue("1s") Duration pollInterval, @DefaultValue("10s") Duration timeout,
                               @DefaultValue("60s") Duration lease, @DefaultValue ResponseTimes respondWithin) {
    public NotifyProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        if (new LinkedHashSet<>(webhooks.stream().map(Webhook::name).toList()).size() != webhooks.size()) {
            throw new IllegalArgumentException("handoff.notify.webhooks: every webhook needs a name of its own");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("handoff.notify.max-attempts must be at least 1");
        }
        respondWithin = respondWithin == null ? new ResponseTimes(null, null, null, null) : respondWithin;
    }

    /** No webhooks, default retries: for tests and tools that notify nobody. */
    public static NotifyProperties none() {
        return new NotifyProperties(List.of(), 8, Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(60), null);
    }

    public Optional<Webhook> webhook(String name) {
        return webhooks.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** The delay before try {@code attempts + 1}, after {@code attempts} failed tries. */
    Duration backoff(int attempts) {
        Duration delay = firstBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    /** How soon a follow-up of each severity is due; defaults 15m, 1h, 4h, 24h. */
    public record ResponseTimes(Duration critical, Duration high, Duration medium, Duration low) {
        public ResponseTimes {
            critical = critical == null ? Duration.ofMinutes(15) : critical;
            high = high == null ? Duration.ofHours(1) : high;
            medium = medium == null ? Duration.ofHours(4) : medium;
            low = low == null ? Duration.ofHours(24) : low;
        }

        public Duration of(Severity severity) {
            return switch (severity) {
                case CRITICAL -> critical;
                case HIGH -> high;
                case MEDIUM -> medium;
                case LOW -> low;
            };
        }
    }
}
