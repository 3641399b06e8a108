package io.handoff.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.handoff.contract.ContractValidator;
import io.handoff.contract.Violation;
import io.handoff.audit.CanonicalJson;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionService;
import io.handoff.decision.HandoffHistory;
import io.handoff.engine.Ruleset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the cases kept in {@code cases/} folders next to the rules and runs them against a ruleset. A file that
 * cannot be read, or a case the ruleset cannot decide, fails on its own; every other case still runs.
 */
public final class CaseRunner {
    /** A misspelled key ({@code postrue:}) would otherwise be ignored and its check silently skipped. */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final java.util.Set<String> CASE_KEYS = java.util.Set.of("name", "contract", "expect", "history");

    private final DecisionService decisions;

    public CaseRunner(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * Every case file under a {@code cases} folder of the given folders: the cases that could be read, and a failed
     * result for each file that could not, saying where and why. Never throws for a file an analyst wrote.
     */
    public static CaseFiles read(Path... folders) {
        List<RuleCase> cases = new ArrayList<>();
        List<CaseResult> unreadable = new ArrayList<>();
        for (Path folder : folders) {
            Path casesFolder = folder.resolve("cases");
            if (!Files.isDirectory(casesFolder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(casesFolder)) {
                for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
                    String displayPath = folder.toAbsolutePath().normalize().getFileName() + "/"
                            + folder.relativize(f).toString().replace('\\', '/');
                    try {
                        cases.add(read(f, displayPath));
                    } catch (IllegalArgumentException e) {
                        unreadable.add(new CaseResult(displayPath, displayPath,
                                List.of(new CaseResult.Mismatch("file", "a readable case", e.getMessage())), Set.of()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read cases under " + casesFolder, e);
            }
        }
        return new CaseFiles(cases, unreadable);
    }

    /** Every case under a {@code cases} folder of the given folders; throws naming every file that cannot be read. */
    public static List<RuleCase> load(Path... folders) {
        CaseFiles files = read(folders);
        if (!files.unreadable().isEmpty()) {
            throw new IllegalArgumentException(files.unreadable().stream().map(r -> r.mismatches().get(0).actual())
                    .collect(Collectors.joining("; ")));
        }
        return files.cases();
    }

    /** One case file, or an {@link IllegalArgumentException} whose message names the file and, where known, line and column. */
    static RuleCase read(Path file, String displayPath) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(displayPath + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return CaseText.parse(text, displayPath, YAML, CASE_KEYS);
    }

    public List<CaseResult> runAll(List<RuleCase> cases, Ruleset ruleset) {
        return runAll(cases, ruleset, c -> { });
    }

    /** Every readable case run, with the unreadable files as failed results, in file order. */
    public List<CaseResult> runAll(CaseFiles files, Ruleset ruleset, java.util.function.Consumer<RuleCase> before) {
        List<CaseResult> results = new ArrayList<>(runAll(files.cases(), ruleset, before));
        results.addAll(files.unreadable());
        results.sort(java.util.Comparator.comparing(CaseResult::file));
        return List.copyOf(results);
    }

    /** As {@link #runAll(List, Ruleset)}, telling {@code before} about each case before it runs. */
    public List<CaseResult> runAll(List<RuleCase> cases, Ruleset ruleset, java.util.function.Consumer<RuleCase> before) {
        List<CaseResult> results = new ArrayList<>();
        for (RuleCase ruleCase : cases) {
            before.accept(ruleCase);
            results.add(run(ruleCase, ruleset));
        }
        return List.copyOf(results);
    }

    public CaseResult run(RuleCase ruleCase, Ruleset ruleset) {
        ContractValidator validator = decisions.validator();
        List<Violation> violations = validator.violations(ruleCase.contract());
        RuleCase.Expectation expect = ruleCase.expect();
        List<CaseResult.Mismatch> mismatches = new ArrayList<>();
        if (!violations.isEmpty()) {
            if (!"invalid-contract".equals(expect.outcome())) {
                mismatches.add(new CaseResult.Mismatch("contract", "a valid contract", violations.toString()));
            }
            return new CaseResult(ruleCase.name(), ruleCase.file(), mismatches, Set.of());
        }
        ContractValidator.Validated validated = new ContractValidator.Validated(ruleCase.contract(),
                validator.mapper().treeToValue(ruleCase.contract(), io.handoff.contract.HandoffContract.class));
        Decision decision;
        try {
            decision = decisions.decide("case:" + CanonicalJson.sha256(ruleCase.contract()), validated, ruleset,
                    history(ruleCase, validated.contract()));
        } catch (RuntimeException e) { // one case the ruleset cannot decide fails alone; the others still run
            mismatches.add(new CaseResult.Mismatch("decision", "a decision", "none: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : FirstLine.of(e.getMessage(), FirstLine.MAX_CHARS))));
            return new CaseResult(ruleCase.name(), ruleCase.file(), mismatches, Set.of());
        }
        Set<String> fired = decision.trace().stream().map(Decision.TraceEntry::ruleId)
                .collect(Collectors.toCollection(TreeSet::new));
        compare("outcome", expect.outcome(), decision.outcome(), mismatches);
        compare("posture", expect.posture(), decision.posture(), mismatches);
        compare("route", expect.route(), decision.route() == null ? null : decision.route().queue(), mismatches);
        compare("score", expect.score(), decision.score(), mismatches);
        compare("urgency", expect.urgency(), decision.urgency() == null ? null : decision.urgency().level(), mismatches);
        compare("page", expect.page(), decision.page() == null ? "none" : decision.page().mode(), mismatches);
        if (expect.approvals() != null) {
            compare("approvals", new TreeSet<>(expect.approvals()),
                    decision.approvals().stream().map(Decision.RequiredApproval::gateId).collect(Collectors.toCollection(TreeSet::new)),
                    mismatches);
        }
        if (expect.remediation() != null) {
            compare("remediation", new TreeSet<>(expect.remediation()),
                    decision.remediation().stream().map(Decision.RemediationItem::pointer).collect(Collectors.toCollection(TreeSet::new)),
                    mismatches);
        }
        List<String> missing = expect.fired().stream().filter(id -> !fired.contains(id)).toList();
        if (!missing.isEmpty()) {
            mismatches.add(new CaseResult.Mismatch("fired", "to include " + missing, "fired " + fired));
        }
        List<String> unwanted = expect.notFired().stream().filter(fired::contains).toList();
        if (!unwanted.isEmpty()) {
            mismatches.add(new CaseResult.Mismatch("notFired", "not to fire " + unwanted, "fired " + unwanted));
        }
        return new CaseResult(ruleCase.name(), ruleCase.file(), mismatches, fired);
    }

    /** The case's history as the service would have read it for this contract; null (no history) without a block. */
    private static HandoffHistory history(RuleCase ruleCase, io.handoff.contract.HandoffContract contract) {
        RuleCase.History h = ruleCase.history();
        return h == null ? null : HandoffHistory.of(HandoffHistory.ticketOf(contract), h.handoffsOfTicketIn7Days(),
                h.bouncesOfTicketIn7Days(), contract.to().team(), h.receiverHandoffs30Days(), h.receiverBounces30Days());
    }

    private static void compare(String field, Object expected, Object actual, List<CaseResult.Mismatch> mismatches) {
        if (expected != null && !Objects.equals(expected, actual)) {
            mismatches.add(new CaseResult.Mismatch(field, String.valueOf(expected), String.valueOf(actual)));
        }
    }
}
