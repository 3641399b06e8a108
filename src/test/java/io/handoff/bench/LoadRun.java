package io.handoff.bench;

import io.handoff.TestKeys;
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
    /**
     * One measured load: throughput and latency as the client saw them, and the CPU the service (and the local
     * PostgreSQL, when measured) spent per request.
     */
    record Result(String label, int concurrency, double perSecond, double p50Millis, double p99Millis, double p999Millis,
                  long errors, double serviceCpuMicros, double databaseCpuMicros, long shed, double shedP50Millis) {
        String row() {
            return String.format(Locale.ROOT, "  %-28s %4d %9.0f %8.2f %8.2f %9.2f %6d %10.0f %9.0f", label, concurrency,
                    perSecond, p50Millis, p99Millis, p999Millis, errors, serviceCpuMicros, databaseCpuMicros);
        }

        static String header() {
            return String.format(Locale.ROOT, "  %-28s %4s %9s %8s %8s %9s %6s %10s %9s", "endpoint", "conc", "req/s",
                    "p50 ms", "p99 ms", "p99.9 ms", "errors", "svc us/req", "db us/req");
        }

        double cpuMicrosPerRequest() {
            return serviceCpuMicros + databaseCpuMicros;
        }
    }

    private static volatile boolean politeClients;

    private LoadRun() {
    }

    /** The body of request {@code i} of client {@code client}. */
    @FunctionalInterface
    interface Bodies {
        byte[] next(int client, int i);

        static Bodies cycling(List<byte[]> bodies) {
            return (client, i) -> bodies.get(i % bodies.size());
        }
    }

    static Result run(String label, URI uri, List<byte[]> bodies, int concurrency, Duration warmup, Duration measure)
            throws InterruptedException {
        return run(label, uri, bodies, concurrency, warmup, measure, -1, false);
    }

    /** As above, also metering the CPU of process {@code pid} and, if asked, of the local PostgreSQL. */
    static Result run(String label, URI uri, List<byte[]> bodies, int concurrency, Duration warmup, Duration measure,
                      long pid, boolean meterPostgres) throws InterruptedException {
        return run(label, uri, bodies, concurrency, warmup, measure, pid, meterPostgres, false);
    }

    /** As above; with {@code honorRetryAfter} a client answered 429 waits the Retry-After seconds, as a polite caller does. */
    static Result run(String label, URI uri, List<byte[]> bodies, int concurrency, Duration warmup, Duration measure,
                      long pid, boolean meterPostgres, boolean honorRetryAfter) throws InterruptedException {
        return run(label, uri, Bodies.cycling(bodies), concurrency, warmup, measure, pid, meterPostgres, honorRetryAfter);
    }

    /** As above, with the bodies from {@code bodies} (e.g. {@link FreshContracts}). */
    static Result run(String label, URI uri, Bodies bodies, int concurrency, Duration warmup, Duration measure,
                      long pid, boolean meterPostgres, boolean honorRetryAfter) throws InterruptedException {
        politeClients = honorRetryAfter;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        drive(http, uri, bodies, concurrency, warmup);
        long serviceBefore = pid > 0 ? CpuMeter.processNanos(pid) : 0;
        long dbBefore = meterPostgres ? CpuMeter.postgresNanos() : 0;
        Samples samples = drive(http, uri, bodies, concurrency, measure);
        long serviceCpu = pid > 0 ? CpuMeter.processNanos(pid) - serviceBefore : 0;
        long dbCpu = meterPostgres ? CpuMeter.postgresNanos() - dbBefore : 0;
        return summarize(label, concurrency, measure, samples, serviceCpu, dbCpu);
    }

    private record Samples(long[][] latencies, int[][] statuses, int[] counts, long errors) {
    }

    private static Samples drive(HttpClient http, URI uri, Bodies bodies, int concurrency, Duration duration)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long[][] latencies = new long[concurrency][];
        int[][] statuses = new int[concurrency][];
        int[] counts = new int[concurrency];
        AtomicLong errors = new AtomicLong();
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int[] codes = new int[1 << 16];
                int n = 0;
                for (int i = id; System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    long took = 0;
                    int code = 0;
                    try {
                        HttpResponse<Void> response = http.send(TestKeys.request(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.next(id, i))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        code = response.statusCode();
                        took = System.nanoTime() - start;
                        if (code == 429 && politeClients) {
                            Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                        }
                        if (code != 200 && code != 429) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                        codes = Arrays.copyOf(codes, n * 2);
                    }
                    codes[n] = code;
                    mine[n++] = took > 0 ? took : System.nanoTime() - start;
                }
                latencies[id] = mine;
                statuses[id] = codes;
                counts[id] = n;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Samples(latencies, statuses, counts, errors.get());
    }

    private static Result summarize(String label, int concurrency, Duration measure, Samples samples, long serviceCpu,
                                    long dbCpu) {
        List<Long> all = new ArrayList<>();
        List<Long> shed = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            for (int i = 0; i < samples.counts()[t]; i++) {
                (samples.statuses()[t][i] == 429 ? shed : all).add(samples.latencies()[t][i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] shedSorted = shed.stream().mapToLong(Long::longValue).sorted().toArray();
        double requests = Math.max(1, sorted.length);
        return new Result(label, concurrency, sorted.length / (measure.toMillis() / 1000.0), percentile(sorted, 0.50),
                percentile(sorted, 0.99), percentile(sorted, 0.999), samples.errors(), serviceCpu / 1000.0 / requests,
                dbCpu / 1000.0 / requests, shedSorted.length, percentile(shedSorted, 0.50));
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
