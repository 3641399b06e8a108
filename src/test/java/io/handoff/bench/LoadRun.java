package io.handoff.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Closed-loop HTTP load: N clients post contracts back to back for a while; throughput and latency percentiles. */
final class LoadRun {
    record Result(String label, int concurrency, double perSecond, double p50Millis, double p99Millis, double p999Millis,
                  long errors) {
        String row() {
            return String.format(Locale.ROOT, "  %-34s %4d %12.0f %9.2f %9.2f %9.2f %7d", label, concurrency, perSecond,
                    p50Millis, p99Millis, p999Millis, errors);
        }

        static String header() {
            return String.format(Locale.ROOT, "  %-34s %4s %12s %9s %9s %9s %7s", "endpoint", "conc", "req/s", "p50 ms",
                    "p99 ms", "p99.9 ms", "errors");
        }
    }

    private LoadRun() {
    }

    static Result run(String label, URI uri, List<byte[]> bodies, int concurrency, Duration warmup, Duration measure)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        drive(http, uri, bodies, concurrency, warmup);
        return summarize(label, concurrency, measure, drive(http, uri, bodies, concurrency, measure));
    }

    private record Samples(long[][] latencies, int[] counts, long errors) {
    }

    private static Samples drive(HttpClient http, URI uri, List<byte[]> bodies, int concurrency, Duration duration)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        AtomicLong errors = new AtomicLong();
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                for (int i = id; System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                }
                latencies[id] = mine;
                counts[id] = n;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Samples(latencies, counts, errors.get());
    }

    private static Result summarize(String label, int concurrency, Duration measure, Samples samples) {
        List<Long> all = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            for (int i = 0; i < samples.counts()[t]; i++) {
                all.add(samples.latencies()[t][i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(label, concurrency, sorted.length / (measure.toMillis() / 1000.0), percentile(sorted, 0.50),
                percentile(sorted, 0.99), percentile(sorted, 0.999), samples.errors());
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
