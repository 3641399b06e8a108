package io.handoff.bench;

import io.handoff.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate: requests are sent on a schedule whether or not earlier ones were answered, and
 * each latency is measured from the moment the request was due, so a stall shows in the percentiles instead of
 * slowing the load down (no coordinated omission).
 */
final class PacedRun {
    record Result(double targetPerSecond, double achievedPerSecond, double p50Millis, double p99Millis, double p999Millis,
                  long errors, long shed, long sent) {
        /** The share of the requests sent that the service answered 429 (admission control shed them). */
        public double shedShare() {
            return sent == 0 ? 0 : (double) shed / sent;
        }
    }

    private PacedRun() {
    }

    static Result run(URI uri, List<byte[]> bodies, double perSecond, Duration duration) throws Exception {
        return run(uri, LoadRun.Bodies.cycling(bodies), perSecond, duration);
    }

    /** As above, with the bodies from {@code bodies} (e.g. {@link FreshContracts}). */
    static Result run(URI uri, LoadRun.Bodies bodies, double perSecond, Duration duration) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        long intervalNanos = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[(int) (perSecond * duration.toSeconds()) + 1];
        int sent = 0;
        for (long due = start; due < end && sent < inFlight.length; due += intervalNanos) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long scheduled = due;
            HttpRequest request = TestKeys.request(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.next(0, sent))).build();
            inFlight[sent++] = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long took = System.nanoTime() - scheduled;
                if (failure != null || (response.statusCode() != 200 && response.statusCode() != 429)) {
                    errors.incrementAndGet();
                } else if (response.statusCode() == 429) {
                    shed.incrementAndGet();
                } else {
                    latencies.add(took);
                }
            });
        }
        CompletableFuture.allOf(Arrays.copyOf(inFlight, sent)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(perSecond, sorted.length / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
                percentile(sorted, 0.999), errors.get(), shed.get(), sent);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
