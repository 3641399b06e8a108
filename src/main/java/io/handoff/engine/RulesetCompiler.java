package io.handoff.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;

import io.handoff.engine.verify.DrlVerifier;
import io.handoff.engine.verify.Verified;

/**
 * Compiles rule files and decision tables into one {@link Ruleset} with the classic DRL compiler, and
 * reports every problem in the analyst's coordinates: {@code rules/x.drl, line 12} or
 * {@code decision-tables/scoring.xlsx, sheet Scoring, row 17}, never a line of generated code.
 */
public final class RulesetCompiler {
    /** Stable rule ids look like {@code SCORE-CS-010}: upper-case words and numbers joined by dashes. */
    static final Pattern STABLE_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
    public static final int DEFAULT_MAX_FIRINGS = 10_000;

    public static final long DEFAULT_MAX_TABLE_PART_BYTES = WorkbookParts.DEFAULT_MAX_PART_BYTES;
    private final DecisionTableTranslator translator;
    private final DrlVerifier verifier = new DrlVerifier();
    private final int maxFirings;

    public RulesetCompiler() {
        this(DEFAULT_MAX_FIRINGS);
    }

    /**
     * Rulesets compiled here stop an evaluation past {@code maxFirings} rule firings; the decision is then a
     * deterministic escalation with a budget-guard finding. No wall-clock limit: it would make the same contract
     * decide differently on a busy machine, and a verified rule cannot sleep or block.
     */
    public RulesetCompiler(int maxFirings) {
        this(maxFirings, DEFAULT_MAX_TABLE_PART_BYTES);
    }

    /**
     * {@code maxTablePartBytes}: a workbook with a zip part that inflates past it is refused before it is read
     * whole (and POI refuses such a part anywhere in this JVM).
     */
    public RulesetCompiler(int maxFirings, long maxTablePartBytes) {
        this(maxFirings, maxTablePartBytes, ContractValues.NONE);
    }

    /**
     * {@code contractValues}: the values the contract allows for each rule-model property with a closed set (from the
     * contract schema); a table that compares such a property with any other value is an error.
     */
    public RulesetCompiler(int maxFirings, long maxTablePartBytes, ContractValues contractValues) {
        this.maxFirings = maxFirings;
        this.translator = new DecisionTableTranslator(maxTablePartBytes, contractValues);
        WorkbookParts.limitPoi(maxTablePartBytes);
    }

    public int maxFirings() {
        return maxFirings;
    }

    /**
     * Compiles the sources or throws with every error found. Every DRL file and every DRL a table generates is
     * verified against the rule language first ({@link DrlVerifier}); if anything is refused, nothing is handed to
     * the Drools compiler, so no analyst text is ever compiled into the service unless it can only decide.
     */
    public Ruleset compile(List<SourceFile> sources) {
        WorkbookGrids workbooks = new WorkbookGrids();
        return compile(sources, RulesetVersion.of(sources, workbooks), workbooks);
    }

    /**
     * Compiles archived files under the version they were archived as: their {@link RulesetVersion}, or the name
     * older data knows them by ({@link RulesetVersion#names}), so that replay and rollback find the same version.
     */
    public Ruleset recompile(String version, List<SourceFile> sources) {
        WorkbookGrids workbooks = new WorkbookGrids();
        if (!RulesetVersion.names(version, sources, workbooks)) {
            throw new IllegalStateException("archived sources of " + version + " have version " + RulesetVersion.of(sources, workbooks));
        }
        return compile(sources, version, workbooks);
    }

    private Ruleset compile(List<SourceFile> sources, String version, WorkbookGrids workbooks) {
        List<CompileProblem> problems = new ArrayList<>();
        Map<String, RuleLocation> locations = new LinkedHashMap<>();
        Map<String, TableTranslation> tablesByGeneratedPath = new HashMap<>();
        List<Verified> verified = new ArrayList<>();
        if (sources.stream().noneMatch(source -> source.isDrl() || source.isTable())) {
            problems.add(CompileProblem.error("no-sources", new RuleLocation(null, null, null, null),
                    "no .drl or decision table files found"));
        }
        for (SourceFile source : sources) {
            if (source.isDrl()) {
                Verified drl = verify(new String(source.content(), StandardCharsets.UTF_8), source.path(),
                        line -> line > 0 ? RuleLocation.ofDrl(source.path(), line) : new RuleLocation(source.path(), null, null, null),
                        problems, true);
                verified.add(drl);
                if (drl.packageDescr() != null) { // the rules' names and lines as the parser read them
                    drl.packageDescr().getRules().forEach(rule -> {
                        RuleLocation location = RuleLocation.ofDrl(source.path(), rule.getLine());
                        addLocation(rule.getName(), location, location, locations, problems);
                    });
                }
            } else if (source.isTable()) {
                DecisionTableTranslator.Result result = translator.translate(source, workbooks);
                problems.addAll(result.problems());
                boolean cellsRefused = result.problems().stream().anyMatch(p -> p.code().equals("not-allowed"));
                for (TableTranslation sheet : result.sheets()) {
                    tablesByGeneratedPath.put(sheet.generatedPath(), sheet);
                    sheet.rules().forEach((id, location) -> addLocation(id, location, sheet.idCell(location), locations, problems));
                    // cells already refused with their columns are not repeated by row
                    verified.add(verify(sheet.drl(), sheet.generatedPath(), sheet::locate, problems, !cellsRefused));
                }
            }
        }
        workbooks.release(); // the grids are not needed by the Drools build: the candidate check's heap is capped
        if (problems.stream().anyMatch(CompileProblem::isError)) {
            // refused before any of it is compiled; Drools' words for a row whose cell is already named say nothing new
            throw new RulesetCompilationException(withoutRepeats(problems));
        }
        // the builder gets the verified packages themselves, not the text again: what was verified is what compiles
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (Verified v : verified) {
            if (!v.allowed()) { // cannot happen after the checks above; a gate fails closed all the same
                throw new IllegalStateException("an unverified package reached the compiler");
            }
            ((KnowledgeBuilderImpl) builder).addPackage(v.packageDescr());
        }
        List<KnowledgeBuilderResult> results = List.copyOf(builder.getResults(ResultSeverity.ERROR, ResultSeverity.WARNING));
        for (KnowledgeBuilderResult result : results) {
            if (!isFollowOnError(result, results)) {
                problems.add(translate(result, tablesByGeneratedPath));
            }
        }
        locations.keySet().stream().filter(id -> !STABLE_ID.matcher(id).matches()).forEach(id -> problems.add(
                CompileProblem.warning("unstable-rule-id", locations.get(id),
                        "rule '" + id + "' has no stable id like SCORE-CS-010; its name may change when rows move")));
        if (problems.stream().anyMatch(CompileProblem::isError)) {
            throw new RulesetCompilationException(problems);
        }
        KieBase kieBase = builder.newKieBase();
        return new Ruleset(version, kieBase, locations, sources, problems, maxFirings);
    }

    /**
     * Drops a message about a whole table row (Drools' parser, the verifier reading the generated rule) when an error
     * already names a cell of that row in the analyst's words: each mistake is said once.
     */
    static List<CompileProblem> withoutRepeats(List<CompileProblem> problems) {
        java.util.Set<String> cellRows = new java.util.HashSet<>();
        problems.stream().filter(p -> p.isError() && p.location().isTable() && p.location().column() != null)
                .forEach(p -> cellRows.add(rowKey(p.location())));
        return problems.stream().filter(p -> !(p.location().isTable() && p.location().row() != null
                && p.location().column() == null && cellRows.contains(rowKey(p.location())))).toList();
    }

    private static String rowKey(RuleLocation location) {
        return location.file() + "|" + location.sheet() + "|" + location.row();
    }

    private Verified verify(String drl, String path, IntFunction<RuleLocation> locate, List<CompileProblem> problems,
                            boolean reportRefusals) {
        Verified result = verifier.verify(drl, resource(drl.getBytes(StandardCharsets.UTF_8), path));
        result.syntaxErrors().forEach(error -> problems.add(CompileProblem.error("compile-error", locate.apply(error.line()),
                tidy(error.message(), locate.apply(0).isTable()))));
        if (reportRefusals) { // false for a sheet whose cells were refused already: compiling stops on those
            result.refusals().forEach(refusal -> problems.add(CompileProblem.error("not-allowed", locate.apply(refusal.line()),
                    refusal.message())));
        }
        return result;
    }

    private static Resource resource(byte[] content, String path) {
        Resource resource = ResourceFactory.newByteArrayResource(content);
        resource.setSourcePath(path);
        resource.setResourceType(ResourceType.DRL);
        return resource;
    }

    private static void addLocation(String id, RuleLocation location, RuleLocation idCell, Map<String, RuleLocation> locations,
                                    List<CompileProblem> problems) {
        RuleLocation earlier = locations.putIfAbsent(id, location);
        if (earlier != null && !earlier.equals(location)) {
            problems.add(CompileProblem.error("duplicate-rule-id", idCell,
                    "rule id " + id + " is already used at " + earlier.describe()));
        } else if (earlier == null) { // SCORE-CS-010 and score-cs-010, or one with a non-breaking space: one id to a reader
            locations.keySet().stream().filter(other -> !other.equals(id) && idKey(other).equals(idKey(id)))
                    .filter(other -> !sameSheet(locations.get(other), location)).findFirst() // a sheet's own are its check's
                    .ifPresent(other -> problems.add(CompileProblem.error("duplicate-rule-id", idCell, "rule id " + id
                            + " reads as " + other.strip() + ", already used at " + locations.get(other).describe()
                            + " (they differ only in case or invisible spaces): give this rule a new id")));
        }
    }

    private static boolean sameSheet(RuleLocation a, RuleLocation b) {
        return a.sheet() != null && java.util.Objects.equals(a.file(), b.file()) && a.sheet().equals(b.sheet());
    }

    /** A rule id as a reader tells it apart: without any kind of space or invisible character, in upper case. */
    static String idKey(String id) {
        return id.replaceAll("[\\s\\p{Z}\\p{Cf}]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** Drools adds "Parser returned a null Package" after a syntax error in the same source; it says nothing new. */
    private static boolean isFollowOnError(KnowledgeBuilderResult result, List<KnowledgeBuilderResult> all) {
        if (result.getMessage() == null || !result.getMessage().contains("Parser returned a null Package")) {
            return false;
        }
        String path = result.getResource() == null ? null : result.getResource().getSourcePath();
        return all.stream().anyMatch(other -> other != result && other.getResource() != null
                && java.util.Objects.equals(other.getResource().getSourcePath(), path));
    }

    private static CompileProblem translate(KnowledgeBuilderResult result, Map<String, TableTranslation> tables) {
        String path = result.getResource() == null ? null : result.getResource().getSourcePath();
        int[] lines = result.getLines();
        int line = lines != null && lines.length > 0 ? lines[0] : -1;
        TableTranslation table = path == null ? null : tables.get(path);
        RuleLocation location;
        if (table != null) {
            location = line > 0 ? table.locate(line) : new RuleLocation(table.file(), table.sheet(), null, null);
        } else {
            location = new RuleLocation(path, null, null, line > 0 ? line : null);
        }
        String message = tidy(result.getMessage(), table != null);
        return result.getSeverity() == ResultSeverity.ERROR
                ? CompileProblem.error("compile-error", location, message)
                : CompileProblem.warning("compile-warning", location, message);
    }

    /** One line; for a table without the generated line numbers, which mean nothing to an analyst (the row does). */
    private static String tidy(String raw, boolean table) {
        String message = raw == null ? "" : raw.replaceAll("\\s+", " ");
        if (table) {
            message = message.replaceAll("\\[\\s*\\d+\\s*,\\s*\\d+\\s*]:?", "")
                    .replaceAll("(?i)\\bline \\d+:\\d+\\s*", "").strip();
        }
        return message;
    }

    /** The ruleset's version: {@link RulesetVersion#of}. */
    public static String version(List<SourceFile> sources) {
        return RulesetVersion.of(sources);
    }
}
