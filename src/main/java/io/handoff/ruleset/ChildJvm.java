package io.handoff.ruleset;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * Runs a command of this application in a child JVM on the same code: heap capped and exiting on
 * {@code OutOfMemoryError}, killed with anything it started after a wall-clock limit, with an empty environment
 * (no database URL, no keys) and a fresh working directory, its stdout and stderr kept to bounded files.
 */
final class ChildJvm {
    /** How a child ended: its exit code (-1 when killed on timeout) and the first of its output. */
    record Exit(boolean timedOut, int code, String stdout, String stderr) {
        boolean outOfMemory() {
            return code == 3 || stdout.contains("java.lang.OutOfMemoryError") || stderr.contains("java.lang.OutOfMemoryError");
        }
    }

    private final CheckProperties limits;

    ChildJvm(CheckProperties limits) {
        this.limits = limits;
    }

    Exit run(Path workDir, List<String> arguments) throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(workDir.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(command(workDir, tmp, arguments)).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("HOME", workDir.toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + "/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        Path stdout = workDir.resolve("stdout.txt");
        Path stderr = workDir.resolve("stderr.txt");
        Thread out = capture(process.getInputStream(), stdout, "candidate-check-stdout");
        Thread err = capture(process.getErrorStream(), stderr, "candidate-check-stderr");
        try {
            if (!process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return new Exit(true, -1, read(out, stdout), read(err, stderr));
            }
        } catch (InterruptedException e) {
            kill(process); // the service is stopping: take the child with it
            throw e;
        }
        return new Exit(false, process.exitValue(), read(out, stdout), read(err, stderr));
    }

    private List<String> command(Path workDir, Path tmp, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(),
                "-Xmx" + limits.heap().toMegabytes() + "m", "-XX:MaxMetaspaceSize=256m", "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1",
                "-Djava.io.tmpdir=" + tmp, "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8"));
        String classPath = absolute(System.getProperty("java.class.path"));
        Path bootJar = bootJar(classPath);
        if (bootJar != null) {
            command.addAll(List.of("-jar", bootJar.toString()));
        } else {
            // an argument file: a Maven or IDE class path can pass the command line's length limit
            Path argFile = workDir.resolve("classpath.args");
            Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                    StandardCharsets.UTF_8);
            command.addAll(List.of("@" + argFile, limits.mainClass()));
        }
        command.addAll(arguments);
        return command;
    }

    /**
     * The class path with every entry made absolute: the child runs in a working directory of its own, where a
     * relative entry (the service started as {@code java -jar target/app/handoff-decisions.jar}, the production
     * launch, has {@code target/app/...} as its class path) would name nothing.
     */
    static String absolute(String classPath) {
        if (classPath == null || classPath.isEmpty()) {
            return classPath;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            // an empty entry is the working directory, as for the JVM
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String java() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : ProcessHandle.current().info().command().orElse("java");
    }

    /** The Spring Boot jar the service runs from ({@code java -jar}), or null when it runs from a class path. */
    private static Path bootJar(String classPath) {
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return null;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null
                    ? Path.of(classPath).toAbsolutePath() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Copies up to the output limit into the file and drains the rest, so a chatty child neither blocks nor fills anything. */
    private Thread capture(InputStream from, Path to, String name) {
        long limit = limits.outputLimit().toBytes();
        Thread thread = new Thread(() -> {
            try (InputStream in = from; OutputStream file = Files.newOutputStream(to)) {
                byte[] buffer = new byte[8192];
                long kept = 0;
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    int keep = (int) Math.max(0, Math.min(read, limit - kept));
                    file.write(buffer, 0, keep);
                    kept += keep;
                }
            } catch (IOException e) {
                // the child is gone; what was captured stays
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String read(Thread capture, Path file) throws InterruptedException {
        capture.join(5_000);
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
