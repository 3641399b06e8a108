package io.handoff.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's CPU goes under load: a Java Flight Recorder recording of the running service (started with
 * jcmd), summarized from its execution samples as the share of samples whose stack is inside each step of a
 * decision (inclusive), and the share whose top frame is in each library (self).
 */
final class CpuProfile {
    /** Steps of a decision, by the method on the stack that marks them (class name suffix and method). */
    private static final Map<String, String> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("API-key check (SHA-256 of the key, lookup)", "io.handoff.security.ApiKeys#");
        STEPS.put("read + validate the contract (JSON Schema)", "io.handoff.contract.ContractValidator#read");
        STEPS.put("read the ticket's and receiver's history (database)", "io.handoff.orchestration.HistoryIndex#read");
        STEPS.put("read where the handoff stands (database)", "io.handoff.orchestration.Lineage#current");
        STEPS.put("evaluate on Drools with trace", "io.handoff.engine.Ruleset#evaluate");
        STEPS.put("assemble the decision", "io.handoff.decision.DecisionAssembler#assemble");
        STEPS.put("write the decision JSON", "io.handoff.decision.DecisionJson#write");
        STEPS.put("input hash (canonical contract JSON, SHA-256)", "io.handoff.audit.CanonicalJson#");
        STEPS.put("build the audit body (canonical JSON, masking)", "io.handoff.decision.AuditEntries#ofDecision");
        STEPS.put("audit writer thread (hash chain, JDBC, commit)", "io.handoff.audit.AuditWriter#run");
        STEPS.put("echo endpoint (parse + write JSON)", "io.handoff.bench.EchoController#echo");
    }

    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("org.drools", "Drools");
        LIBRARIES.put("org.kie", "Drools");
        LIBRARIES.put("org.mvel2", "Drools (MVEL)");
        LIBRARIES.put("com.networknt", "JSON Schema validator");
        LIBRARIES.put("tools.jackson", "Jackson");
        LIBRARIES.put("org.h2", "H2");
        LIBRARIES.put("org.postgresql", "PgJDBC");
        LIBRARIES.put("com.zaxxer", "HikariCP");
        LIBRARIES.put("org.apache.tomcat", "Tomcat");
        LIBRARIES.put("org.apache.catalina", "Tomcat");
        LIBRARIES.put("org.apache.coyote", "Tomcat");
        LIBRARIES.put("org.springframework.security", "Spring Security");
        LIBRARIES.put("org.springframework", "Spring MVC/core");
        LIBRARIES.put("io.micrometer", "Micrometer");
        LIBRARIES.put("sun.security", "JDK crypto (SHA-256)");
        LIBRARIES.put("java.security", "JDK crypto (SHA-256)");
        LIBRARIES.put("io.handoff", "service code");
        LIBRARIES.put("java.", "JDK");
        LIBRARIES.put("jdk.", "JDK");
        LIBRARIES.put("sun.", "JDK");
    }

    /**
     * The stages a decision's CPU is reported in, each the steps above that make it up (the steps of one stage are
     * never on one stack together); "other" is the rest.
     */
    private static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("validation", List.of("read + validate the contract (JSON Schema)"));
        STAGES.put("reads before deciding", List.of("read the ticket's and receiver's history (database)",
                "read where the handoff stands (database)"));
        STAGES.put("engine", List.of("evaluate on Drools with trace", "assemble the decision"));
        STAGES.put("serialization", List.of("write the decision JSON", "input hash (canonical contract JSON, SHA-256)",
                "build the audit body (canonical JSON, masking)"));
        STAGES.put("audit write", List.of("audit writer thread (hash chain, JDBC, commit)"));
    }

    /** Inclusive share per decision step and self share per library, of all execution samples. */
    record Summary(long samples, Map<String, Double> steps, Map<String, Double> libraries) {
        /** {@code cpuMicros} (a request's CPU) split over the stages by their share of the samples; the rest is "other". */
        Map<String, Double> stageMicros(double cpuMicros) {
            Map<String, Double> micros = new LinkedHashMap<>();
            double staged = 0;
            for (Map.Entry<String, List<String>> stage : STAGES.entrySet()) {
                double share = stage.getValue().stream().mapToDouble(step -> steps.getOrDefault(step, 0.0)).sum();
                micros.put(stage.getKey(), share * cpuMicros);
                staged += share;
            }
            micros.put("other", Math.max(0, 1 - staged) * cpuMicros);
            return micros;
        }

        String describe(String title) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %s (%,d samples)%n", title, samples));
            steps.forEach((k, v) -> text.append(String.format(Locale.ROOT, "    %-52s %5.1f%%%n", k, 100 * v)));
            text.append("    self time by library:");
            libraries.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(8)
                    .forEach(e -> text.append(String.format(Locale.ROOT, " %s %.0f%%,", e.getKey(), 100 * e.getValue())));
            text.setLength(text.length() - 1);
            return text.append('\n').toString();
        }
    }

    private CpuProfile() {
    }

    /** Records {@code seconds} of the process with the profiling settings; returns when the file is written. */
    static void record(long pid, int seconds, Path file) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "JFR.start", "settings=profile", "duration=" + seconds + "s",
                "filename=" + file.toAbsolutePath()).redirectErrorStream(true).start();
        jcmd.getInputStream().readAllBytes();
        jcmd.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Waits until JFR has written the recording ({@link #record} returns when it started; on a loaded machine the
     * file comes seconds after its duration ends): the file exists, is not empty and stopped growing.
     */
    static void awaitWritten(Path file, java.time.Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long size = java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
            if (size > 0 && size == last) {
                return;
            }
            last = size;
            Thread.sleep(1000);
        }
        throw new IllegalStateException("JFR did not write " + file + " within " + timeout);
    }

    static Summary summarize(Path file) throws Exception {
        long samples = 0;
        Map<String, Long> steps = new LinkedHashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        STEPS.keySet().forEach(k -> steps.put(k, 0L));
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    libraries.merge(library(frames.get(0).getMethod().getType().getName()), 1L, Long::sum);
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = frame.getMethod().getType().getName() + "#" + frame.getMethod().getName();
                    STEPS.forEach((step, marker) -> {
                        if (name.startsWith(marker) && seen.add(step)) {
                            steps.merge(step, 1L, Long::sum);
                        }
                    });
                }
            }
        }
        long total = Math.max(1, samples);
        Map<String, Double> stepShare = new LinkedHashMap<>();
        steps.forEach((k, v) -> {
            if (v > 0) {
                stepShare.put(k, (double) v / total);
            }
        });
        Map<String, Double> libraryShare = new LinkedHashMap<>();
        libraries.forEach((k, v) -> libraryShare.put(k, (double) v / total));
        return new Summary(samples, stepShare, libraryShare);
    }

    private static String library(String className) {
        return LIBRARIES.entrySet().stream().filter(e -> className.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse("other");
    }
}
