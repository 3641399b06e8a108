package io.handoff.bench;

import io.handoff.TestKeys;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditProperties;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;

/**
 * Seeds an H2 audit log with 100,000 recorded decisions, starts the service on it with a 128 MB heap, and
 * streams the NDJSON and CSV exports over HTTP while sampling the service's heap and RSS: the export is far
 * larger than the heap, so a flat peak shows it is streamed. Prints the figures.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.ExportMemoryCheck}
 */
public final class ExportMemoryCheck {
    private static final Pattern HEAP = Pattern.compile("\"value\":([0-9.E]+)");

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(System.getProperty("bench.records", "100000"));
        Path work = Files.createDirectories(Path.of("target", "bench"));
        String url = BenchH2.url(work.resolve("export-" + System.nanoTime()));
        seed(url, records);
        try (ServiceProcess service = ServiceProcess.startWithHeap("128m", work.resolve("export-service.log"), "spring.datasource.url=" + url)) {
            System.out.printf(Locale.ROOT, "service pid %d, heap capped at 128 MB; %d records seeded%n", service.pid(), records);
            for (String format : List.of("ndjson", "csv")) {
                export(service, format);
            }
        }
    }

    private static void export(ServiceProcess service, String format) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakRss = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        long heapBefore = heap(http, service);
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                try {
                    peakHeap.accumulateAndGet(heap(http, service), Math::max);
                    peakRss.accumulateAndGet(rss(service.pid()), Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        long lines = 0;
        long bytes = 0;
        HttpResponse<InputStream> response = http.send(TestKeys.request(service.uri("/api/v1/decisions/export?format=" + format)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                bytes += line.length() + 1;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        done.set(true);
        sampler.join();
        System.out.printf(Locale.ROOT, "EXPORT %-6s %,d lines, %,.0f MB in %.1f s; service heap used before %,.0f MB, peak %,.0f MB; peak RSS %,.0f MB%n",
                format, lines, bytes / 1e6, seconds, heapBefore / 1e6, peakHeap.get() / 1e6, peakRss.get() / 1e6);
    }

    private static long heap(HttpClient http, ServiceProcess service) throws Exception {
        String body = http.send(TestKeys.request(service.uri("/actuator/metrics/jvm.memory.used?tag=area:heap")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP.matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    /** Records decisions through the real decision service and audit log, 16 threads at once. */
    private static void seed(String url, int records) throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername("sa");
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            AuditProperties properties = new AuditProperties(true, List.of("/case/customer/email", "/case/customer/name"),
                    256, 10000, Duration.ofSeconds(30), Duration.ofHours(1), Map.of());
            Ruleset ruleset = new RulesetCompiler().compile(RuleSources.read(Path.of("rules"), Path.of("decision-tables")));
            List<byte[]> contracts = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();
            long start = System.nanoTime();
            try (AuditLog log = new AuditLog(new JdbcTemplate(dataSource),
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)), properties)) {
                new io.handoff.ruleset.RulesetArchive(new JdbcTemplate(dataSource),
                        new TransactionTemplate(new DataSourceTransactionManager(dataSource))).store(ruleset, Clock.systemUTC().instant());
                DecisionService decisions = new DecisionService(new ContractValidator(), RulesetRouting.fixed(() -> ruleset), Clock.systemUTC(),
                        (entry, decision, contract, submittedBy) -> log.append(entry), log.masking());
                ExecutorService pool = Executors.newFixedThreadPool(16);
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < records; i++) {
                    byte[] contract = contracts.get(i % contracts.size());
                    futures.add(pool.submit(() -> decisions.decide(contract)));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
                pool.shutdown();
            }
            System.out.printf(Locale.ROOT, "seeded %,d records in %.1f s%n", records, (System.nanoTime() - start) / 1e9);
        }
    }
}
