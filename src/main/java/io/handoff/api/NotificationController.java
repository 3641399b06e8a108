package io.handoff.api;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.notify.Delivery;
import io.handoff.notify.Outbox;
import io.handoff.notify.Webhook;
import io.swagger.v3.oas.annotations.Operation;

/** Webhook notifications: the configured webhooks, the outbox of deliveries with its dead letters, and a retry. */
@RestController
class NotificationController {
    private static final List<String> STATUSES = List.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.DEAD);

    private final Outbox outbox;

    NotificationController(Outbox outbox) {
        this.outbox = outbox;
    }

    record WebhookPage(List<Webhook.View> webhooks, int maxAttempts, String firstBackoff, String maxBackoff) {
    }

    record DeliveryPage(List<Delivery> items) {
    }

    @Operation(summary = "Configured webhooks", description = "handoff.notify.webhooks[n]: name, URL, kinds, team and domain filters "
            + "(never the secret), and the retry settings.")
    @GetMapping("/api/v1/notifications/webhooks")
    WebhookPage webhooks() {
        var p = outbox.properties();
        return new WebhookPage(p.webhooks().stream().map(Webhook::view).toList(), p.maxAttempts(), p.firstBackoff().toString(),
                p.maxBackoff().toString());
    }

    @Operation(summary = "Webhook deliveries", description = "Newest first; status=dead is the dead-letter list (tried "
            + "handoff.notify.max-attempts times, or its webhook is gone); eventId= every delivery of one event.")
    @GetMapping("/api/v1/notifications")
    DeliveryPage deliveries(@RequestParam(required = false) String status, @RequestParam(required = false) String eventId,
                            @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new BadParameterException("status", "status must be one of " + STATUSES);
        }
        return new DeliveryPage(outbox.deliveries(status, eventId, limit));
    }

    @GetMapping("/api/v1/notifications/{deliveryId}")
    Delivery delivery(@PathVariable String deliveryId) {
        return outbox.delivery(deliveryId).orElseThrow(() -> new NotFoundException("unknown-notification", "no notification " + deliveryId));
    }

    @Operation(summary = "Retry a dead letter", description = "Puts a dead-lettered delivery back in line with its tries counted "
            + "afresh: same event id, same signed body. 409 when it is not dead.")
    @PostMapping("/api/v1/notifications/{deliveryId}/retry")
    ResponseEntity<Object> retry(@PathVariable String deliveryId) {
        boolean revived = outbox.retry(deliveryId)
                .orElseThrow(() -> new NotFoundException("unknown-notification", "no notification " + deliveryId));
        if (!revived) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "notification " + deliveryId + " is not dead-lettered");
            problem.setProperty("code", "notification-not-dead");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.accepted().body(outbox.delivery(deliveryId).orElseThrow());
    }
}
