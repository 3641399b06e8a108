package io.handoff.notify;

import io.handoff.text.Shortened;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sender: every {@code poll-interval} it claims the due deliveries and POSTs each to its webhook,
 * signed, with the event id as idempotency key. 2xx: delivered. Anything else (a status, a refused connection, a
 * timeout): tried again after the backoff, dead-lettered after {@code max-attempts} tries. Delivery is at least once:
 * a sender that dies between the POST and recording it sends again after the lease, with the same event id, which
 * receivers use to drop the repeat. Every instance may run one; claims keep them from sending the same row at once.
 */
final class WebhookSender implements AutoCloseable {
    static final String EVENT_ID = "X-Handoff-Event-Id";
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int BATCH = 20;

    private final OutboxStore store;
    private final NotifyProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-sender");
        t.setDaemon(true);
        return t;
    });
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    WebhookSender(OutboxStore store, NotifyProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void start() {
        long every = properties.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::sendDue, every, every, TimeUnit.MILLISECONDS);
    }

    /** One round: claims and sends what is due; never throws (a database hiccup is retried next round). */
    void sendDue() {
        try {
            for (Delivery.Claimable due : store.due(clock.instant(), BATCH)) {
                if (store.claim(due.delivery().deliveryId(), due.claims(), clock.instant().plus(properties.lease()))) {
                    send(due.delivery());
                }
            }
        } catch (RuntimeException e) {
            log.warn("webhook sender round failed; next round in {}", properties.pollInterval(), e);
        }
    }

    private void send(Delivery d) {
        int attempt = d.attempts() + 1;
        Webhook webhook = properties.webhook(d.webhook()).orElse(null);
        if (webhook == null) {
            store.failed(d.deliveryId(), d.attempts(), null, "webhook " + d.webhook() + " is no longer configured", clock.instant(), true);
            return;
        }
        Integer status = null;
        String error;
        try {
            byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhook.url()).timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "handoff-decisions-webhook")
                    .header(EVENT_ID, d.eventId())
                    .header("Idempotency-Key", d.eventId())
                    .header("X-Handoff-Event-Kind", d.kind())
                    .header("X-Handoff-Delivery", d.deliveryId())
                    .header("X-Handoff-Attempt", Integer.toString(attempt))
                    .header(Signature.HEADER, Signature.of(webhook.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status / 100 == 2) {
                store.delivered(d.deliveryId(), attempt, status, clock.instant());
                delivered.incrementAndGet();
                return;
            }
            String answer = response.body() == null ? "" : response.body();
            error = "HTTP " + status + (answer.isBlank() ? "" : ": " + Shortened.to(answer, 200, ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while sending (the service is stopping)";
        } catch (java.io.IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        failed.incrementAndGet();
        boolean dead = attempt >= properties.maxAttempts();
        Instant next = clock.instant().plus(properties.backoff(attempt));
        store.failed(d.deliveryId(), attempt, status, error, next, dead);
        if (dead) {
            log.warn("webhook {} dead-lettered {} ({}) after {} tries: {}", d.webhook(), d.deliveryId(), d.kind(), attempt, error);
        } else {
            log.info("webhook {} try {} of {} for {} failed ({}); next try at {}", d.webhook(), attempt, properties.maxAttempts(),
                    d.kind(), error, next);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
