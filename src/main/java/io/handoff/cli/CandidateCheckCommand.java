package io.handoff.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import io.handoff.engine.RulesetCompiler;
import io.handoff.ruleset.CandidateCheck;
import io.handoff.ruleset.ContractEnums;
import io.handoff.ruleset.CheckReport;
import picocli.CommandLine.Command;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The service's quality gate as a command: compile the folders, run every case, write the report as JSON. The
 * service runs it in a child JVM; it needs no database, no Spring and no secrets.
 */
@Command(name = "candidate-check", mixinStandardHelpOptions = true,
        description = "Compile <rules> and <tables>, run every case, check gate roles against the approver directory and "
                + "probe for contracts without an outcome; write a JSON report. Exit 0 when it passed, 1 when not.")
final class CandidateCheckCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Mixin
    RulesOptions folders;

    @Option(names = "--report", required = true, description = "where to write the JSON report")
    Path report;

    @Option(names = "--progress", description = "a file that holds the case being run, for whoever watches this check")
    Path progress;

    @Option(names = "--max-firings", defaultValue = "10000", description = "rule firings per decision (default: ${DEFAULT-VALUE})")
    int maxFirings;

    @Option(names = "--max-table-part", defaultValue = "20971520",
            description = "bytes one zip part of an .xlsx may inflate to (default: ${DEFAULT-VALUE})")
    long maxTablePart;

    @Option(names = "--approver-roles", description = "the roles the service's approver directory holds, comma separated: "
            + "a gate requiring any other role is refused (absent: not checked)")
    String approverRoles;

    @Override
    public Integer call() throws IOException {
        RulesetCompiler compiler = new RulesetCompiler(maxFirings, maxTablePart, ContractEnums.values());
        java.util.Set<String> roles = approverRoles == null ? null : java.util.Arrays.stream(approverRoles.split(","))
                .map(String::strip).filter(role -> !role.isEmpty()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        CheckReport result = new CandidateCheck(compiler).run(folders.rules, folders.tables, roles, this::running);
        Path partial = report.resolveSibling(report.getFileName() + ".partial");
        Files.writeString(partial, JSON.writeValueAsString(result), StandardCharsets.UTF_8);
        Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("%s: %d passed, %d failed; %d problem(s)%n", result.passed() ? "PASSED" : "FAILED",
                result.casesPassed(), result.casesFailed(), result.problems().size());
        return result.passed() ? 0 : 1;
    }

    private void running(String caseFile) {
        if (progress == null) {
            return;
        }
        try {
            Files.writeString(progress, caseFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write progress to " + progress, e);
        }
    }
}
