package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The budget guard under overload: a service capped at 4 concurrent decisions (-Dbench.cap) is measured at
 * light load (half the cap), then at four times its cap, then at light load again; clients retry at once,
 * ignoring Retry-After (the worst case). Prints admitted throughput and
 * latency, how many requests were shed with 429 and how fast, and the ratio of admitted p99 under overload
 * to light-load p99 (target <= 2). Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.OverloadBenchmark}
 */
public final class OverloadBenchmark {
    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench"));
        String url = BenchH2.url(work.resolve("overload-" + System.nanoTime()));
        List<byte[]> bodies = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();
        int cap = Integer.parseInt(System.getProperty("bench.cap", "4"));
        try (ServiceProcess service = ServiceProcess.start(work.resolve("overload-service.log"), "spring.datasource.url=" + url,
                "handoff.budget.max-concurrent=" + cap, "handoff.budget.max-queued=" + cap, "handoff.budget.queue-timeout=20ms")) {
            Duration measure = Duration.ofSeconds(10);
            LoadRun.run("warm-up", service.uri("/api/v1/decisions"), bodies, cap, Duration.ofSeconds(30), Duration.ofSeconds(1));
            int light = Math.max(1, cap / 2);
            LoadRun.Result before = LoadRun.run("light load", service.uri("/api/v1/decisions"), bodies, light, Duration.ofSeconds(2), measure);
            LoadRun.Result overload = LoadRun.run("4x the cap", service.uri("/api/v1/decisions"), bodies, 4 * cap, Duration.ofSeconds(2), measure);
            LoadRun.Result after = LoadRun.run("light load again", service.uri("/api/v1/decisions"), bodies, light, Duration.ofSeconds(2), measure);
            LoadRun.Result polite = LoadRun.run("4x, Retry-After kept", service.uri("/api/v1/decisions"), bodies, 4 * cap,
                    Duration.ofSeconds(2), measure, -1, false, true);
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%nOVERLOAD BENCHMARK (cap " + cap + " concurrent, " + cap + " queued for 20 ms)%n  %-22s %5s %10s %9s %9s %9s %10s%n",
                    "load", "conc", "admitted/s", "p50 ms", "p99 ms", "shed", "429 p50 ms"));
            for (LoadRun.Result r : List.of(before, overload, after, polite)) {
                table.append(String.format(Locale.ROOT, "  %-18s %5d %10.0f %9.2f %9.2f %9d %10.2f%n", r.label(), r.concurrency(),
                        r.perSecond(), r.p50Millis(), r.p99Millis(), r.shed(), r.shedP50Millis()));
            }
            // the stricter baseline: the better of the two light-load runs
            double lightP99 = Math.min(before.p99Millis(), after.p99Millis());
            double ratio = overload.p99Millis() / lightP99;
            double politeRatio = polite.p99Millis() / lightP99;
            table.append(String.format(Locale.ROOT, "  admitted p99 under overload / light-load p99: %.2f with clients retrying at once, "
                            + "%.2f with clients keeping Retry-After (target <= 2.0); errors other than 429: %d%n",
                    ratio, politeRatio, before.errors() + overload.errors() + after.errors() + polite.errors()));
            System.out.println(table);
            Files.writeString(work.resolve("overload.json"), String.format(Locale.ROOT,
                    "{\"lightP99Millis\": %.3f, \"overloadP99Millis\": %.3f, \"ratio\": %.3f, \"shed\": %d, \"shedP50Millis\": %.3f, \"afterP99Millis\": %.3f}%n",
                    lightP99, overload.p99Millis(), ratio, overload.shed(), overload.shedP50Millis(), after.p99Millis()));
        }
    }
}
