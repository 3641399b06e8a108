package io.handoff.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a candidate in a child JVM ({@code candidate-check}) and reads the report it writes. Whatever the
 * candidate does there (loop, throw an {@code Error}, exhaust memory, exit) ends the child, not the service:
 * the candidate is then rejected with a plain reason and the case the child was running.
 */
public final class IsolatedCheck {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_REPORT_BYTES = 4L * 1024 * 1024;

    private final CheckProperties limits;
    private final RulesetProperties ruleset;
    private final ChildJvm jvm;
    private final Set<String> approverRoles;

    /** Checks gate roles against nothing: for tools and tests without an approver directory. */
    public IsolatedCheck(CheckProperties limits, RulesetProperties ruleset) {
        this(limits, ruleset, null);
    }

    /** {@code approverRoles}: the roles the running service's approver directory holds, handed to the child as arguments. */
    public IsolatedCheck(CheckProperties limits, RulesetProperties ruleset, Set<String> approverRoles) {
        this.limits = limits;
        this.ruleset = ruleset;
        this.jvm = new ChildJvm(limits);
        this.approverRoles = approverRoles == null ? null : Set.copyOf(approverRoles);
    }

    CheckProperties limits() {
        return limits;
    }

    /** The child's report on the candidate {@code version} in these folders, or why it has none. */
    CheckReport check(String version, Path rules, Path tables) throws InterruptedException {
        Path work = null;
        try {
            work = Files.createTempDirectory(Files.createDirectories(limits.workDir()), "candidate-check-");
            Path report = work.resolve("report.json");
            Path progress = work.resolve("progress.txt");
            List<String> arguments = new ArrayList<>(List.of("candidate-check", "--rules", rules.toString(), "--tables",
                    tables.toString(), "--report", report.toString(), "--progress", progress.toString(),
                    "--max-firings", String.valueOf(ruleset.maxFirings()),
                    "--max-table-part", String.valueOf(ruleset.maxTablePart().toBytes())));
            if (approverRoles != null) {
                arguments.add("--approver-roles=" + String.join(",", new TreeSet<>(approverRoles)));
            }
            ChildJvm.Exit exit = jvm.run(work, arguments);
            return outcome(version, exit, report, onCase(progress));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the candidate check", e);
        } finally {
            CandidateFolder.deleteTree(work);
        }
    }

    private CheckReport outcome(String version, ChildJvm.Exit exit, Path report, String onCase) {
        if (exit.timedOut()) {
            return CheckReport.failed(version, "candidate check stopped: timeout after " + limits.timeout().toSeconds()
                    + " s", onCase);
        }
        if (exit.outOfMemory()) {
            return CheckReport.failed(version, "candidate check stopped: out of memory (heap limit "
                    + limits.heap().toMegabytes() + " MB)", onCase);
        }
        try {
            // exit 0 (passed) and 1 (not passed) come with a report; anything else, or no report, is a crash
            if (exit.code() != 0 && exit.code() != 1 || !Files.isRegularFile(report)) {
                return CheckReport.failed(version, "candidate check crashed with exit code " + exit.code() + firstLine(exit),
                        onCase);
            }
            if (Files.size(report) > MAX_REPORT_BYTES) {
                return CheckReport.failed(version, "candidate check wrote a report over " + MAX_REPORT_BYTES / 1024 / 1024
                        + " MB", onCase);
            }
            CheckReport read = JSON.readValue(Files.readString(report, StandardCharsets.UTF_8), CheckReport.class).bounded();
            if (!version.equals(read.version())) {
                return CheckReport.failed(version, "candidate check reported on another version", onCase);
            }
            return read;
        } catch (IOException | JacksonException e) {
            return CheckReport.failed(version, "candidate check wrote an invalid report", onCase);
        }
    }

    /** The first line of what the child printed on stderr, bounded: e.g. the type of the Error that ended it. */
    private static String firstLine(ChildJvm.Exit exit) {
        String line = FirstLine.of(exit.stderr(), FirstLine.MAX_CHARS);
        return line.isEmpty() ? "" : ": " + line;
    }

    private static String onCase(Path progress) {
        try {
            if (!Files.isRegularFile(progress) || Files.size(progress) > 4096) {
                return null;
            }
            String text = FirstLine.of(Files.readString(progress, StandardCharsets.UTF_8), 300);
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return null;
        }
    }

}
