package io.handoff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process (and of the local PostgreSQL server's processes) from /proc, in nanoseconds, so a
 * benchmark can report what a request costs the service itself, independent of the load generator that
 * shares the machine.
 */
final class CpuMeter {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private CpuMeter() {
    }

    static long processNanos(long pid) {
        return ticks(Path.of("/proc", String.valueOf(pid), "stat")) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** CPU of the JIT compiler threads (C1 and C2) of a JVM process, from /proc/PID/task/TID/comm and stat. */
    static long compilerNanos(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).contains("CompilerThre");
                } catch (IOException gone) {
                    return false;
                }
            }).mapToLong(t -> ticks(t.resolve("stat"))).sum() * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * CPU of a JVM process by thread kind, in nanoseconds: each thread's name from /proc/PID/task/TID/comm (the kernel
     * keeps 15 characters) with its numbering dropped, so the request threads, the GC workers, the JIT compilers and the
     * service's own named threads each sum to one entry. What JFR's execution samples cannot show: GC and JIT are not
     * sampled, and a thread is sampled by how often it runs Java code, not by the CPU it uses.
     */
    static java.util.Map<String, Long> threadKindNanos(long pid) {
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(t -> {
                try {
                    String kind = Files.readString(t.resolve("comm")).strip().replaceAll("[#-]?\\d+$", "")
                            .replaceAll("-\\d+-", "-N-");
                    kinds.merge(kind, ticks(t.resolve("stat")) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND), Long::sum);
                } catch (IOException gone) {
                    // the thread ended while listed
                }
            });
        } catch (IOException e) {
            return kinds;
        }
        return kinds;
    }

    /** CPU of every process named postgres (0 when none runs here). */
    static long postgresNanos() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> p.resolve("stat"))
                    .filter(CpuMeter::isPostgres)
                    .mapToLong(CpuMeter::ticks).sum() * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isPostgres(Path stat) {
        try {
            return Files.readString(stat).contains("(postgres)");
        } catch (IOException e) {
            return false;
        }
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the ')' closing the command name. */
    private static long ticks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
