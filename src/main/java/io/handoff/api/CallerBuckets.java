package io.handoff.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.LoggerFactory;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Where each caller's token bucket lives: in this instance's memory (one instance, or H2), or in PostgreSQL,
 * shared by every instance (Bucket4j's row-locking proxy on {@code rate_limit_bucket}). A shared bucket is
 * synchronized with the database at least every 50 ms or every 1/20 of the per-second rate, whichever comes
 * first, so a decision does not pay a database round trip; across N instances a caller can overshoot its rate by
 * at most N times that slack. If the database cannot answer, the request is admitted (logged): a rate limit must not
 * turn into an outage, and the per-instance concurrency budget still protects the service.
 */
public interface CallerBuckets {
    Bucket bucket(String caller);

    /** Takes one token from the caller's bucket. */
    default ConsumptionProbe tryConsume(String caller) {
        return bucket(caller).tryConsumeAndReturnRemaining(1);
    }

    /** Whether every instance on the database sees the same buckets. */
    boolean shared();

    static CallerBuckets inMemory(int perSecond) {
        Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        return new CallerBuckets() {
            @Override
            public Bucket bucket(String caller) {
                return buckets.computeIfAbsent(caller, c -> Bucket.builder().addLimit(limit(perSecond)).build());
            }

            @Override
            public boolean shared() {
                return false;
            }
        };
    }

    static CallerBuckets postgres(DataSource dataSource, int perSecond) {
        ProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table("rate_limit_bucket").idColumn("id").stateColumn("state")
                .build();
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(limit(perSecond)).build();
        DelayParameters slack = new DelayParameters(Math.max(1, perSecond / 20), Duration.ofMillis(50));
        Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        return new CallerBuckets() {
            private volatile long lastWarning;

            @Override
            public Bucket bucket(String caller) {
                return buckets.computeIfAbsent(caller, c -> {
                    // create the row first without the delaying optimization: its batched first requests of several
                    // threads fail with "bucket does not exist" instead of creating it
                    proxies.builder().build(c, () -> configuration).getAvailableTokens();
                    return proxies.builder().withOptimization(Optimizations.delaying(slack)).build(c, () -> configuration);
                });
            }

            /** A rate limit the database cannot answer admits the request (the concurrency budget still applies). */
            @Override
            public ConsumptionProbe tryConsume(String caller) {
                try {
                    return bucket(caller).tryConsumeAndReturnRemaining(1);
                } catch (RuntimeException e) {
                    long now = System.currentTimeMillis();
                    if (now - lastWarning > 30_000) {
                        lastWarning = now;
                        LoggerFactory.getLogger(CallerBuckets.class).warn("shared rate limit unavailable, admitting: {}", e.toString());
                    }
                    return ConsumptionProbe.consumed(0, 0);
                }
            }

            @Override
            public boolean shared() {
                return true;
            }
        };
    }

    private static io.github.bucket4j.Bandwidth limit(int perSecond) {
        return io.github.bucket4j.Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build();
    }
}
