package io.handoff.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The production launch the benchmark measures (docs/operations.md, "Class data sharing"):
 * {@code java -XX:+UseSerialGC -XX:SharedArchiveFile=target/app/handoff.jsa -jar target/app/handoff-decisions-<version>.jar}, built by
 * {@code ./mvnw -Pcds package -DskipTests} (scripts/cds-archive.sh). Refused when the archive is older than a
 * compiled class: it would measure the code of an earlier build.
 */
final class ProductionLaunch {
    static final Path APP = Path.of("target", "app").toAbsolutePath();
    static final Path ARCHIVE = APP.resolve("handoff.jsa");

    private ProductionLaunch() {
    }

    static boolean built() {
        return Files.isRegularFile(ARCHIVE);
    }

    /**
     * The collector of the documented launch on the 2-core machine: the serial one, which the JVM itself picks for a
     * machine of one core or under 1,792 MB; G1's own structures and its larger committed heap were the difference
     * between 595 MB and 475 MB resident under load (docs/operations.md, "Memory").
     */
    static final String COLLECTOR = "-XX:+UseSerialGC";

    /** The java arguments after the heap option: the collector, the archive and the extracted jar. */
    static List<String> command() throws IOException {
        return List.of(COLLECTOR, "-XX:SharedArchiveFile=" + ARCHIVE, "-jar", jar().toString());
    }

    /**
     * {@link #command} with target/test-classes after the jar (the archive still maps: the class path only grew at
     * its end), for benchmarks that need the {@code bench} profile's echo endpoint.
     */
    static List<String> commandWithTestClasses() throws IOException {
        return List.of(COLLECTOR, "-XX:SharedArchiveFile=" + ARCHIVE, "-cp",
                jar() + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(), "io.handoff.HandoffApplication");
    }

    private static Path jar() throws IOException {
        if (!built()) {
            throw new IllegalStateException("no CDS archive at " + ARCHIVE + ": build the production launch with "
                    + "./mvnw -Pcds package -DskipTests, or measure the class path launch (-Dbench.launch=classpath)");
        }
        FileTime archived = Files.getLastModifiedTime(ARCHIVE);
        FileTime compiled = newestClass(Path.of("target", "classes"));
        if (compiled.compareTo(archived) > 0) {
            throw new IllegalStateException(ARCHIVE + " is older than a class in target/classes (" + compiled + "): rebuild it with "
                    + "./mvnw -Pcds package -DskipTests, so the benchmark measures this build");
        }
        try (Stream<Path> files = Files.list(APP)) {
            return files.filter(f -> f.getFileName().toString().matches("handoff-decisions-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no handoff-decisions jar in " + APP));
        }
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
