package io.handoff.api;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.handoff.security.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The cost guardrail for the service itself: at most {@code max-concurrent} decisions are evaluated at once
 * (with {@code max-waiting} above 0, a decision waiting only for its audit commit gives its slot to the next one
 * while at most that many others wait, see {@link EvaluationSlot}) and at most {@code max-queued} wait (each for
 * at most {@code queue-timeout}); anything past that is answered at once with 429 problem+json and
 * {@code Retry-After} instead of slowing every caller down. Each caller (API key) is also limited to
 * {@code per-caller-per-second} decisions (token bucket, Bucket4j; shared by every instance on PostgreSQL, see
 * {@link CallerBuckets}).
 */
@Component
public class AdmissionControl extends OncePerRequestFilter {
    private final Semaphore running;
    private final Semaphore waitingForCommit;
    private final int maxQueued;
    private final long queueTimeoutNanos;
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter shed;

    @ConfigurationProperties("handoff.budget")
    public record BudgetProperties(@DefaultValue("32") int maxConcurrent, @DefaultValue("64") int maxQueued,
                            @DefaultValue("200ms") java.time.Duration queueTimeout,
                            @DefaultValue("5000") int perCallerPerSecond, @DefaultValue("0") int maxWaiting) {
    }

    private final int perCallerPerSecond;
    private final CallerBuckets buckets;
    private final Counter limited;

    AdmissionControl(BudgetProperties budget, MeterRegistry registry, CallerBuckets buckets) {
        this.buckets = buckets;
        this.running = new Semaphore(budget.maxConcurrent(), true);
        this.waitingForCommit = new Semaphore(budget.maxWaiting());
        this.maxQueued = budget.maxQueued();
        this.queueTimeoutNanos = budget.queueTimeout().toNanos();
        this.perCallerPerSecond = budget.perCallerPerSecond();
        this.limited = Counter.builder("handoff.rejections").tag("code", "rate-limited")
                .description("requests refused, by problem code").register(registry);
        this.shed = Counter.builder("handoff.rejections").tag("code", "overloaded")
                .description("requests refused, by problem code").register(registry);
        Gauge.builder("handoff.admission.queue.depth", queued, AtomicInteger::get)
                .description("decision requests waiting for an evaluation slot").register(registry);
        Gauge.builder("handoff.admission.in.flight", running, s -> budget.maxConcurrent() - s.availablePermits())
                .description("decisions being evaluated").register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // a tried contract and preflight evaluate a contract as a decision does: they take a slot and count against
        // their caller's rate
        String uri = request.getRequestURI();
        return !("POST".equals(request.getMethod()) && ("/api/v1/decisions".equals(uri) || "/api/v1/preflight".equals(uri)
                || uri.matches("/api/v1/rulesets/[^/]+/try")));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
        io.github.bucket4j.ConsumptionProbe probe = buckets.tryConsume(caller);
        if (!probe.isConsumed()) {
            limited.increment();
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            reject(response, "rate-limited", "Too many decisions from this caller",
                    "The caller exceeded " + perCallerPerSecond + " decisions per second; retry after " + seconds + " s.", seconds);
            return;
        }
        if (!admit()) {
            shed.increment();
            reject(response, "overloaded", "Too many decisions at once",
                    "The service is at its concurrency budget; retry after 1 s.", 1);
            return;
        }
        EvaluationSlot slot = EvaluationSlot.hold(running, waitingForCommit);
        try {
            chain.doFilter(request, response);
        } finally {
            slot.close();
        }
    }

    private boolean admit() {
        if (running.tryAcquire()) {
            return true;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        try {
            return running.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queued.decrementAndGet();
        }
    }

    private static void reject(HttpServletResponse response, String code, String title, String detail, long retryAfter)
            throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        Problems.write(response, 429, code, title, detail);
    }
}
