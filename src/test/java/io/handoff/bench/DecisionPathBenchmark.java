package io.handoff.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the decision path side by side in one JVM, without HTTP or database (validate, hash, evaluate,
 * assemble, decision JSON, masking, audit body: {@code io.handoff.decision.DecisionPathProbe}), in alternating rounds,
 * each round the CPU time of the deciding thread per decision: a change to the request path judged as "before" against
 * "after" in the same run, which holds on a machine whose speed drifts. Each build is loaded in its own class loader.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.DecisionPathBenchmark
 * -Dbench.args="-Dbench.before=@/tmp/base-classpath.txt -Dbench.rounds=11 -Dbench.decisions=2000"}; {@code bench.before}
 * is the old build's classpath (or {@code @file} holding it, see docs/benchmarks.md), {@code bench.after} defaults to
 * this JVM's.
 */
public final class DecisionPathBenchmark {
    public static void main(String[] args) throws Exception {
        String[] names = {"before", "after"};
        String[] classpaths = {classpath(System.getProperty("bench.before")),
                classpath(System.getProperty("bench.after", System.getProperty("java.class.path")))};
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "11"));
        int decisions = Integer.parseInt(System.getProperty("bench.decisions", "2000"));
        URL probe = DecisionPathBenchmark.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader[] loaders = new ClassLoader[2];
        Method[] probes = new Method[2];
        for (int i = 0; i < 2; i++) {
            List<URL> urls = new ArrayList<>(List.of(probe)); // the probe first, linked against each build's classes
            for (String entry : classpaths[i].split(java.io.File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            loaders[i] = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            probes[i] = loaders[i].loadClass("io.handoff.decision.DecisionPathProbe").getMethod("microsPerDecision", int.class);
        }
        for (int warm = 0; warm < 6; warm++) {
            for (int i = 0; i < 2; i++) {
                run(loaders[i], probes[i], decisions);
            }
        }
        double[][] micros = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                int i = round % 2 == 0 ? k : 1 - k; // alternate which build goes first
                micros[i][round] = run(loaders[i], probes[i], decisions);
            }
            ratios[round] = micros[1][round] / micros[0][round];
            System.out.printf(Locale.ROOT, "round %2d: %s %.1f us, %s %.1f us per decision%n", round, names[0], micros[0][round],
                    names[1], micros[1][round]);
        }
        Arrays.sort(ratios);
        Arrays.sort(micros[0]);
        Arrays.sort(micros[1]);
        System.out.printf(Locale.ROOT, "DECISION PATH (no HTTP, no database; CPU of the deciding thread, median of %d rounds of %d "
                + "decisions): before %.1f us, after %.1f us; after / before paired by round %.3f%n", rounds, decisions,
                micros[0][rounds / 2], micros[1][rounds / 2], ratios[rounds / 2]);
    }

    private static double run(ClassLoader loader, Method probe, int decisions) throws Exception {
        Thread.currentThread().setContextClassLoader(loader); // Drools finds its services through the context loader
        return (double) probe.invoke(null, decisions);
    }

    private static String classpath(String value) throws java.io.IOException {
        if (value == null) {
            throw new IllegalArgumentException("-Dbench.before=<classpath of the old build, or @file> is required");
        }
        return value.startsWith("@") ? Files.readString(Path.of(value.substring(1))).trim() : value;
    }
}
