package io.handoff.ruleset;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an instance follows the shared active ruleset: on PostgreSQL it LISTENs for changes ({@code listen}) and,
 * on any database, reads the pointer every {@code interval} as well, so a missed notification (or H2, which has
 * none) costs at most one interval.
 */
@ConfigurationProperties("handoff.ruleset.sync")
public record SyncProperties(@DefaultValue("1s") Duration interval, @DefaultValue("true") boolean listen) {
}
