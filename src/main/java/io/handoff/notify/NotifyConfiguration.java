package io.handoff.notify;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the outbox and its background sender; {@code handoff.notify.sender-enabled=false} leaves sending to other instances. */
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

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(JdbcTemplate jdbc, NotifyProperties properties, Clock clock,
                                @Value("${handoff.notify.sender-enabled:true}") boolean enabled) {
        WebhookSender sender = new WebhookSender(new OutboxStore(jdbc), properties, clock);
        if (enabled) {
            sender.start();
        }
        return sender;
    }
}
