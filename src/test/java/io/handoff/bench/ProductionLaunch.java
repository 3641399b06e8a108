package io.handoff.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The production launch the benchmark measures (docs/operations.md, "The production launch"): the command
 * {@code ./mvnw -Pcds package -DskipTests} (scripts/cds-archive.sh) wrote to {@code target/app/launch.args}, one word
 * per line: the runtime's java, the serial collector, the archive (an AOT cache on JDK 25+, a CDS archive on JDK 17),
 * {@code -jar} and the extracted jar. Refused when the archive is older than a compiled class: it would measure the
 * code of an earlier build.
 */
final class ProductionLaunch {
    static final Path APP = Path.of("target", "app").toAbsolutePath();
    static final Path ARGS = APP.resolve("launch.args");

    private ProductionLaunch() {
    }

    static boolean built() {
        return Files.isRegularFile(ARGS);
    }

    /** The java, its options, {@code -jar} and the jar, as the launch file names them. */
    static List<String> command() throws IOException {
        List<String> words = Files.readAllLines(ARGS).stream().filter(w -> !w.isBlank()).toList();
        if (words.size() < 3 || !"-jar".equals(words.get(words.size() - 2))) {
            throw new IllegalStateException(ARGS + " does not end in -jar <jar>: rebuild it with ./mvnw -Pcds package -DskipTests");
        }
        Path archive = words.stream().filter(w -> w.startsWith("-XX:AOTCache=") || w.startsWith("-XX:SharedArchiveFile="))
                .map(w -> Path.of(w.substring(w.indexOf('=') + 1))).findFirst()
                .orElseThrow(() -> new IllegalStateException(ARGS + " names no archive"));
        FileTime archived = Files.getLastModifiedTime(archive);
        FileTime compiled = newestClass(Path.of("target", "classes"));
        if (compiled.compareTo(archived) > 0) {
            throw new IllegalStateException(archive + " is older than a class in target/classes (" + compiled + "): rebuild it with "
                    + "./mvnw -Pcds package -DskipTests, so the benchmark measures this build");
        }
        return words;
    }

    /**
     * {@link #command} with target/test-classes after the jar ({@code -cp jar:test-classes} and the main class; the
     * archive still maps: the class path only grew at its end), for benchmarks that need the {@code bench} profile's
     * echo endpoint.
     */
    static List<String> commandWithTestClasses() throws IOException {
        List<String> words = new ArrayList<>(command());
        String jar = words.remove(words.size() - 1);
        words.set(words.size() - 1, "-cp");
        words.add(jar + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath());
        words.add("io.handoff.HandoffApplication");
        return words;
    }

    /** How the launch is described in the benchmark's output: the route and the runtime. */
    static String describe() throws IOException {
        List<String> words = command();
        String route = words.stream().anyMatch(w -> w.startsWith("-XX:AOTCache=")) ? "AOT cache" : "CDS archive";
        return route + ", " + words.get(0);
    }

    private static FileTime newestClass(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".class")).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        }
    }
}
