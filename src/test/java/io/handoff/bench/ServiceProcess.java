package io.handoff.bench;

import io.handoff.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The service as its own JVM (same classpath as this one), so a benchmark or a crash check can load and kill it. */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int port;
    private final Process process;

    private ServiceProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static ServiceProcess start(Path log, String... properties) throws Exception {
        return startWithHeap("512m", log, properties);
    }

    static ServiceProcess startWithHeap(String maxHeap, Path log, String... properties) throws Exception {
        return startOn(System.getProperty("java.class.path"), maxHeap, log, properties);
    }

    /**
     * The service from another build ({@code classpath}: e.g. the classes of the commit before a change, copied
     * aside), so old and new code are measured side by side in one run.
     */
    static ServiceProcess startOn(String classpath, String maxHeap, Path log, String... properties) throws Exception {
        return startWith(List.of("-cp", classpath, "io.handoff.HandoffApplication"), maxHeap, log, properties);
    }

    /**
     * The documented production launch (docs/operations.md, "The production launch"): the jar extracted to
     * target/app, started on the runtime and with the archive {@code ./mvnw -Pcds package -DskipTests} built them for.
     */
    static ServiceProcess startProduction(Path log, String... properties) throws Exception {
        return startProductionWith(ProductionLaunch.command(), "512m", log, properties);
    }

    /** {@link #startProduction} with the test classes after the jar: the {@code bench} profile's echo endpoint. */
    static ServiceProcess startProductionWithTestClasses(Path log, String... properties) throws Exception {
        return startProductionWith(ProductionLaunch.commandWithTestClasses(), "512m", log, properties);
    }

    /** {@code launch}: the JVM options and main class or jar, after this JVM's java and the heap option. */
    private static ServiceProcess startWith(List<String> launch, String maxHeap, Path log, String... properties) throws Exception {
        return startWith(Path.of(System.getProperty("java.home"), "bin", "java").toString(), launch, maxHeap, log, properties);
    }

    /** {@code javaAndLaunch}: a java executable, then what {@link #startWith(List, String, Path, String...)} takes. */
    private static ServiceProcess startProductionWith(List<String> javaAndLaunch, String maxHeap, Path log, String... properties) throws Exception {
        return startWith(javaAndLaunch.get(0), javaAndLaunch.subList(1, javaAndLaunch.size()), maxHeap, log, properties);
    }

    private static ServiceProcess startWith(String java, List<String> launch, String maxHeap, Path log, String... properties) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap));
        // extra JVM options for the services, comma-separated: -Dbench.service-jvm=-XX:+UseParallelGC,-Dx=y
        String extra = System.getProperty("bench.service-jvm", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.split(",")));
        }
        command.addAll(launch);
        command.addAll(List.of("--server.port=" + port, "--logging.level.root=WARN"));
        for (String property : properties) {
            command.add("--" + property);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(port, process);
        // a machine shared with builds can take longer than a minute to start the service: -Dbench.ready-seconds=180
        service.awaitReady(Duration.ofSeconds(Long.getLong("bench.ready-seconds", 60)));
        return service;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<String> health = http.send(TestKeys.request(uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service not ready within " + timeout);
    }

    private long lastCompilerNanos = -1;
    private long lastCompilerAt;

    /**
     * CPU milliseconds per second of wall time the service's JIT compiler threads used since the previous call
     * (0 on the first): CPU, not the JVM's compilation-time figure, which counts the wall time of compiles that
     * wait for a core on a busy machine.
     */
    double compileRate() {
        long nanos = CpuMeter.compilerNanos(pid());
        long now = System.nanoTime();
        double rate = lastCompilerNanos < 0 ? 0 : (nanos - lastCompilerNanos) / 1e6 / ((now - lastCompilerAt) / 1e9);
        lastCompilerNanos = nanos;
        lastCompilerAt = now;
        return rate;
    }

    /** GET {@code path} with the admin development key; the body. */
    String get(String path) throws IOException, InterruptedException {
        return HTTP.send(TestKeys.request(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hooks, no flushing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
