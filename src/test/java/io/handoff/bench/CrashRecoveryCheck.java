package io.handoff.bench;

import io.handoff.TestKeys;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kills the service with SIGKILL while 16 clients post decisions, restarts it on the same database, and
 * checks that every decisionId a client received is in the log and that the chain verifies intact.
 * Prints the counts; exits 1 on any loss. H2 file by default; pass a PostgreSQL JDBC URL to check that.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.CrashRecoveryCheck}
 */
public final class CrashRecoveryCheck {
    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "crash-check"));
        String url = args.length > 0 ? args[0]
                : BenchH2.url(work.resolve("db-" + System.nanoTime()));
        List<byte[]> contracts = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();

        ServiceProcess service = ServiceProcess.start(work.resolve("first-run.log"), "spring.datasource.url=" + url);
        HttpClient http = HttpClient.newHttpClient();
        Thread[] clients = new Thread[16];
        for (int c = 0; c < clients.length; c++) {
            int offset = c;
            clients[c] = new Thread(() -> {
                for (int i = offset; !stop.get(); i++) {
                    try {
                        HttpResponse<String> response = http.send(TestKeys.request(service.uri("/api/v1/decisions"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(contracts.get(i % contracts.size()))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        Matcher id = DECISION_ID.matcher(response.body());
                        if (response.statusCode() == 200 && id.find()) {
                            received.add(id.group(1));
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            clients[c].start();
        }
        Thread.sleep(4000);
        long beforeKill = received.size();
        service.kill();
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }
        System.out.printf("killed pid %d with SIGKILL after %d decisions acknowledged (%d in flight failed)%n",
                service.pid(), received.size(), failures.get());

        try (ServiceProcess restarted = ServiceProcess.start(work.resolve("second-run.log"), "spring.datasource.url=" + url)) {
            long found = 0;
            long missing = 0;
            for (String id : received) {
                int status = http.send(TestKeys.request(restarted.uri("/api/v1/decisions/" + id)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    found++;
                } else {
                    missing++;
                }
            }
            String verify = http.send(TestKeys.request(restarted.uri("/api/v1/audit/verify")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf("after restart: %d of %d acknowledged decisions found, %d missing (%d acknowledged before the kill signal)%n",
                    found, received.size(), missing, beforeKill);
            System.out.println("verify: " + verify);
            boolean ok = missing == 0 && verify.contains("\"status\":\"intact\"") && !received.isEmpty();
            System.out.println(ok ? "CRASH CHECK PASSED" : "CRASH CHECK FAILED");
            if (!ok) {
                System.exit(1);
            }
        }
    }
}
