package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A JFR recording of the recording service under load, to see where recording's CPU goes: starts the service on one
 * database (recording on), loads it for {@code bench.warmup} seconds, then records {@code bench.seconds} seconds
 * under the same load into target/bench/recording-DB.jfr (read it with {@code jfr print} or JDK Mission Control).
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.RecordingProfile
 * -Dbench.args="-Dbench.database=h2 -Dbench.concurrency=16 -Dbench.warmup=120 -Dbench.seconds=20"}
 */
public final class RecordingProfile {
    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.database", "h2");
        int concurrency = Integer.parseInt(System.getProperty("bench.concurrency", "16"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup", "120")));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "20"));
        boolean recording = Boolean.parseBoolean(System.getProperty("bench.recording", "true"));
        Path work = Files.createDirectories(Path.of("target", "bench"));
        String postgres = System.getenv().getOrDefault("HANDOFF_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=root");
        List<byte[]> bodies = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();
        try (ServiceProcess service = RecordingBenchmark.start(work, db, recording, postgres)) {
            LoadRun.run("warm-up", service.uri("/api/v1/decisions"), bodies, concurrency, Duration.ZERO, warmup);
            Path file = work.resolve("recording-" + db + ".jfr");
            Files.deleteIfExists(file);
            String asyncProfiler = System.getProperty("bench.async-profiler");
            Path collapsed = work.resolve("recording-" + db + ".collapsed");
            Thread profiler = new Thread(() -> {
                try {
                    if (asyncProfiler == null) {
                        CpuProfile.record(service.pid(), seconds, file);
                    } else {
                        // bench.profile-event: itimer (CPU, default) or alloc (allocation samples, where the service's garbage comes from)
                        String event = System.getProperty("bench.profile-event", "itimer");
                        jcmd(service.pid(), asyncProfiler, "\"start,event=" + event + (event.equals("itimer") ? ",interval=1ms" : "")
                                + ",threads\"");
                        Thread.sleep(seconds * 1000L);
                        jcmd(service.pid(), asyncProfiler, "\"stop,collapsed,file=" + collapsed.toAbsolutePath() + "\"");
                        Files.writeString(file, "");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            profiler.start();
            LoadRun.Result result = LoadRun.run(db + (recording ? " recording" : " not recording"), service.uri("/api/v1/decisions"),
                    bodies, concurrency, Duration.ZERO, Duration.ofSeconds(seconds + 3), service.pid(), db.equals("postgresql"));
            profiler.join();
            System.out.println(LoadRun.Result.header());
            System.out.println(result.row());
            while (!Files.exists(file)) {
                Thread.sleep(200);
            }
            Thread.sleep(2000);
            System.out.println("profile: " + (asyncProfiler == null ? file : collapsed).toAbsolutePath());
        }
    }

    /** Loads async-profiler (a path given as bench.async-profiler) into the service with these options. */
    private static void jcmd(long pid, String library, String options) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "JVMTI.agent_load", library, options)
                .redirectErrorStream(true).start();
        System.out.print(new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        jcmd.waitFor();
    }
}
