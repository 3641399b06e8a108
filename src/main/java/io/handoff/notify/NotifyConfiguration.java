package io.handoff.notify;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the outbox and its background sender, which runs while webhooks are configured;
 * {@code handoff.notify.sender-enabled=false} leaves sending to other instances.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
public class NotifyConfiguration {
    private static final Logger log = LoggerFactory.getLogger(NotifyConfiguration.class);

    @Bean
    Outbox outbox(JdbcTemplate jdbc, NotifyProperties properties, Clock clock) {
        properties.webhooks().forEach(w -> log.info("webhook {} -> {} for {}{}{}{}", w.name(), w.url(),
                w.kinds().isEmpty() ? "every kind" : w.kinds(), w.teams().isEmpty() ? "" : ", teams " + w.teams(),
                w.domains().isEmpty() ? "" : ", domains " + w.domains(), w.urgentOnly() ? ", urgent only" : ""));
        return new Outbox(jdbc, properties, clock);
    }

    /** Metrics {@code handoff.webhook.deliveries} by {@code result} (delivered, failed: one per failed try) on this instance. */
    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(JdbcTemplate jdbc, NotifyProperties properties, Clock clock,
                                @Value("${handoff.notify.sender-enabled:true}") boolean enabled,
                                ObjectProvider<MeterRegistry> registry) {
        WebhookSender sender = new WebhookSender(new OutboxStore(jdbc), properties, clock);
        registry.ifAvailable(r -> {
            FunctionCounter.builder("handoff.webhook.deliveries", sender.delivered, AtomicLong::get).tag("result", "delivered")
                    .description("webhook deliveries answered 2xx").register(r);
            FunctionCounter.builder("handoff.webhook.deliveries", sender.failed, AtomicLong::get).tag("result", "failed")
                    .description("webhook tries that failed (a status, a refused connection, a timeout)").register(r);
        });
        if (enabled && !properties.webhooks().isEmpty()) { // no webhook, no notices: nothing to poll for
            sender.start();
        }
        return sender;
    }
}
