package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.handoff.LibreOffice;
import io.handoff.engine.CompileProblem;
import io.handoff.engine.RuleSources;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;

/**
 * A catalogue of spreadsheet mistakes an analyst can make in the shipped tables, each made with POI on a copy of
 * {@code decision-tables/}: {@code validate} (the compiler as the command builds it) and the candidate check (the
 * logic the child JVM's {@code candidate-check} runs) both refuse it, naming file, sheet, row and column; a refused
 * candidate is never passed, and only a passed candidate can be promoted ({@code RulesetLifecycle.promote};
 * {@link SpreadsheetMistakesPromotionTest} shows it over HTTP through the real child JVM).
 */
class SpreadsheetMistakesTest {
    private static final Path RULES = Path.of("rules");

    @TempDir
    Path temp;

    interface Edit {
        void apply(Path tables) throws IOException;
    }

    /** A mistake and where it must be reported: {@code where} is the start of the problem as printed. */
    record Mistake(String name, Edit edit, String code, String where) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                new Mistake("blank row inserted in the middle of a table", t -> edit(t, "scoring.xlsx", "Scoring",
                        s -> s.shiftRows(20, s.getLastRowNum(), 1)), "row-after-blank-row",
                        "decision-tables/scoring.xlsx, sheet Scoring, row 22, column A (Id)"),
                new Mistake("hidden data row", t -> edit(t, "thresholds.xlsx", "Posture", s -> s.getRow(13).setZeroHeight(true)),
                        "hidden-row", "decision-tables/thresholds.xlsx, sheet Posture, row 14, column A (Id)"),
                new Mistake("hidden column holding rule data", t -> edit(t, "gates.xlsx", "Gates", s -> s.setColumnHidden(5, true)),
                        "hidden-column", "decision-tables/gates.xlsx, sheet Gates, row 10, column F (Reason)"),
                new Mistake("rule id deleted", t -> set(t, "scoring.xlsx", "Scoring", 44, 0, ""),
                        "missing-rule-id", "decision-tables/scoring.xlsx, sheet Scoring, row 44, column A (Id)"),
                new Mistake("rule id used twice in a sheet", t -> set(t, "scoring.xlsx", "Scoring", 12, 0, "SCORE-CS-010"),
                        "duplicate-rule-id", "decision-tables/scoring.xlsx, sheet Scoring, row 12, column A (Id)"),
                new Mistake("rule id used in two files", t -> set(t, "gates.xlsx", "Gates", 10, 0, "ROUTE-CS-010"),
                        "duplicate-rule-id", "decision-tables/routing.xlsx, sheet Routing, row 10, column A (Id)"),
                new Mistake("extra column without a type", t -> edit(t, "scoring.xlsx", "Scoring", s -> {
                    cell(s, 9, 7).setCellValue("Owner");
                    cell(s, 10, 7).setCellValue("alice");
                }), "unknown-column", "decision-tables/scoring.xlsx, sheet Scoring, row 10, column H (Owner)"),
                new Mistake("misspelled column type", t -> set(t, "routing.xlsx", "Routing", 6, 5, "ACTIVATION-GRUOP"),
                        "unknown-column", "decision-tables/routing.xlsx, sheet Routing, row 6, column F (Group)"),
                new Mistake("half a surrogate pair in a reason (Excel's _xD800_ escape)", t -> set(t, "gates.xlsx", "Gates", 10, 5,
                        "needs approval _xD800_ now"), "unpaired-surrogate", "decision-tables/gates.xlsx, sheet Gates, row 10, column F (Reason)"),
                new Mistake("band boundary written as a formula", t -> edit(t, "thresholds.xlsx", "Posture",
                        s -> s.getRow(13).getCell(3).setCellFormula("60+5")), "formula-in-table",
                        "decision-tables/thresholds.xlsx, sheet Posture, row 14, column D (Score from)"),
                new Mistake("formula boundary that opens a gap", t -> edit(t, "thresholds.xlsx", "Posture",
                        s -> s.getRow(13).getCell(3).setCellFormula("60+10")), "band-gap",
                        "decision-tables/thresholds.xlsx, sheet Posture, row 14, column D (Score from)"),
                new Mistake("score band gap", t -> setNumber(t, "thresholds.xlsx", "Posture", 19, 3, 52),
                        "band-gap", "decision-tables/thresholds.xlsx, sheet Posture, row 19, column D (Score from)"),
                new Mistake("score band overlap", t -> setNumber(t, "thresholds.xlsx", "Posture", 20, 4, 55),
                        "band-overlap", "decision-tables/thresholds.xlsx, sheet Posture, row 19, column D (Score from)"),
                new Mistake("fractional boundary that overlaps", t -> setNumber(t, "thresholds.xlsx", "Posture", 11, 3, 54.5),
                        "band-overlap", "decision-tables/thresholds.xlsx, sheet Posture, row 11, column D (Score from)"),
                new Mistake("misspelled tier in a condition", t -> set(t, "gates.xlsx", "Gates", 10, 3,
                        "customerTier == 'enterprize' && severity == 'sev1'"), "unknown-value",
                        "decision-tables/gates.xlsx, sheet Gates, row 10, column D (Condition): customerTier is one of free, pro, business, enterprise, found 'enterprize'"),
                new Mistake("misspelled tier in a value column", t -> set(t, "thresholds.xlsx", "Posture", 10, 2, "enterprize"),
                        "unknown-value", "decision-tables/thresholds.xlsx, sheet Posture, row 10, column C (Customer tier)"),
                new Mistake("misspelled domain", t -> set(t, "scoring.xlsx", "Scoring", 10, 1, "customer-suport"),
                        "unknown-value", "decision-tables/scoring.xlsx, sheet Scoring, row 10, column B (Domain)"),
                new Mistake("misspelled handoff type", t -> set(t, "routing.xlsx", "Routing", 11, 2, "support-to-engineerng"),
                        "unknown-value", "decision-tables/routing.xlsx, sheet Routing, row 11, column C (Handoff type)"),
                new Mistake("misspelled value inside in (...)", t -> set(t, "scoring.xlsx", "Scoring", 16, 3,
                        "customerImpactLength == 0 && handoffType in ('tier1-to-tier2', 'support-to-enginering')"), "unknown-value",
                        "decision-tables/scoring.xlsx, sheet Scoring, row 16, column D (Condition)"),
                new Mistake("enum value in the wrong case", t -> set(t, "routing.xlsx", "Routing", 10, 3,
                        "severity == 'SEV1' && handoffType in ('support-to-engineering', 'tier1-to-tier2')"), "unknown-value",
                        "decision-tables/routing.xlsx, sheet Routing, row 10, column D (Condition): severity is one of sev1, sev2, sev3, sev4"),
                new Mistake("unknown evidence kind", t -> set(t, "scoring.xlsx", "Scoring", 11, 3,
                        "summaryLength >= 40 && hasEvidence('unittest')"), "unknown-value",
                        "decision-tables/scoring.xlsx, sheet Scoring, row 11, column D (Condition): validationEvidence is one of"),
                new Mistake("gate without an approver role", t -> set(t, "gates.xlsx", "Gates", 13, 4, "budget, "),
                        "incomplete-gate", "decision-tables/gates.xlsx, sheet Gates, row 13, column E (Gate id, approver role)"),
                new Mistake("gate row with its gate cell emptied", t -> set(t, "gates.xlsx", "Gates", 14, 4, ""),
                        "incomplete-gate", "decision-tables/gates.xlsx, sheet Gates, row 14, column E (Gate id, approver role)"),
                new Mistake("gate without a gate id", t -> set(t, "gates.xlsx", "Gates", 15, 4, ", engineering-lead"),
                        "incomplete-gate", "decision-tables/gates.xlsx, sheet Gates, row 15, column E (Gate id, approver role)"),
                new Mistake("gate with only one value", t -> set(t, "gates.xlsx", "Gates", 16, 4, "budget"),
                        "wrong-value-count", "decision-tables/gates.xlsx, sheet Gates, row 16, column E (Gate id, approver role)"),
                new Mistake("retry policy with one value", t -> set(t, "routing.xlsx", "Retry", 11, 5, "4"),
                        "wrong-value-count", "decision-tables/routing.xlsx, sheet Retry, row 11, column F (Attempts, backoff seconds)"),
                new Mistake("merged cells across two rule rows", t -> edit(t, "scoring.xlsx", "Scoring",
                        s -> s.addMergedRegion(new CellRangeAddress(10, 11, 3, 3))), "merged-cells",
                        "decision-tables/scoring.xlsx, sheet Scoring, row 11, column D (Condition)"),
                new Mistake("points written as code", t -> set(t, "scoring.xlsx", "Scoring", 12, 4,
                        "-10 + new ProcessBuilder('touch', '/tmp/x').start().waitFor()"), "not-allowed",
                        "decision-tables/scoring.xlsx, sheet Scoring, row 12, column E (Points): only a number is allowed here"),
                new Mistake("condition that does not parse", t -> set(t, "scoring.xlsx", "Scoring", 17, 3, "reproStepsCount >>= 2"),
                        "not-allowed", "decision-tables/scoring.xlsx, sheet Scoring, row 17, column D (Condition)"),
                new Mistake("priority with a thousands separator format", t -> edit(t, "routing.xlsx", "Routing", s -> {
                    Cell priority = s.getRow(9).getCell(4);
                    CellStyle style = s.getWorkbook().createCellStyle();
                    style.setDataFormat(s.getWorkbook().createDataFormat().getFormat("#,##0"));
                    priority.setCellStyle(style);
                    priority.setCellValue(2000);
                }), "not-allowed", "decision-tables/routing.xlsx, sheet Routing, row 10, column E (Priority): only a number is allowed here, found '2,000'"),
                new Mistake("table saved as Excel 97-2003 (.xls)", t -> xls(t, "gates.xlsx"),
                        "unsupported-format", "decision-tables/gates.xls: an Excel 97-2003 workbook (.xls) cannot be compiled"),
                new Mistake("table moved one column right, then a blank row inserted", t -> edit(t, "scoring.xlsx", "Scoring", s -> {
                    s.shiftColumns(0, 10, 1);
                    s.shiftRows(20, s.getLastRowNum(), 1);
                }), "row-after-blank-row", "decision-tables/scoring.xlsx, sheet Scoring, row 22, column B (Id)"),
                new Mistake("sheet with a table hidden", t -> edit(t, "gates.xlsx", "Gates",
                        s -> s.getWorkbook().setSheetHidden(s.getWorkbook().getSheetIndex(s), true)), "hidden-sheet",
                        "decision-tables/gates.xlsx, sheet Gates, row 5, column A (Id): worksheet Gates is hidden"),
                new Mistake("sheet with a table very hidden", t -> edit(t, "routing.xlsx", "Retry",
                        s -> s.getWorkbook().setSheetVisibility(s.getWorkbook().getSheetIndex(s), SheetVisibility.VERY_HIDDEN)),
                        "hidden-sheet", "decision-tables/routing.xlsx, sheet Retry, row 5, column A (Id): worksheet Retry is hidden"),
                new Mistake("rule id differing from another only in case", t -> set(t, "scoring.xlsx", "Scoring", 12, 0, "score-cs-010"),
                        "duplicate-rule-id", "decision-tables/scoring.xlsx, sheet Scoring, row 12, column A (Id)"),
                new Mistake("rule id with a non-breaking space", t -> set(t, "scoring.xlsx", "Scoring", 12, 0, "SCORE-CS-010\u00A0"),
                        "invisible-character", "decision-tables/scoring.xlsx, sheet Scoring, row 12, column A (Id)"),
                new Mistake("rule id in another file differing only in case", t -> set(t, "gates.xlsx", "Gates", 10, 0, "route-cs-010"),
                        "duplicate-rule-id", "decision-tables/routing.xlsx, sheet Routing, row 10, column A (Id)"),
                new Mistake("table saved as macro-enabled workbook (.xlsm)", t -> Files.move(t.resolve("gates.xlsx"), t.resolve("gates.xlsm")),
                        "unsupported-format", "decision-tables/gates.xlsm: a .xlsm file is not compiled"),
                new Mistake("table saved with its extension in upper case", t -> Files.move(t.resolve("gates.xlsx"), t.resolve("gates.XLSX")),
                        "unsupported-format", "decision-tables/gates.XLSX: a .XLSX file is not compiled"),
                new Mistake("table saved as OpenDocument (.ods)", t -> Files.write(t.resolve("extra.ods"), new byte[] {'P', 'K'}),
                        "unsupported-format", "decision-tables/extra.ods: an OpenDocument spreadsheet (.ods) cannot be compiled"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void validateAndTheCandidateCheckRefuseTheMistakeWithItsCell(Mistake mistake) throws IOException {
        Path tables = shippedTables();
        mistake.edit().apply(tables);

        assertThat(validateErrors(tables)).as(mistake.name())
                .anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(mistake.code());
                    assertThat(p.toString()).startsWith(mistake.where());
                })
                .noneSatisfy(p -> assertThat(p.message()).containsPattern("\\[\\s*\\d+\\s*,\\s*\\d+\\s*]|\\$\\d|Line \\d+"));
        CheckReport report = candidateCheck(tables);
        assertThat(report.passed()).isFalse();
        assertThat(report.problems()).as(mistake.name()).anySatisfy(p -> assertThat(p).startsWith(mistake.where()));
    }

    @Test
    void everyErrorOfASheetIsListedOnceEvenWhenDroolsCannotParseIt() throws IOException {
        Path tables = shippedTables();
        set(tables, "scoring.xlsx", "Scoring", 17, 3, "reproStepsCount >>= 2");
        set(tables, "scoring.xlsx", "Scoring", 12, 4, "-10 + new ProcessBuilder('x').start().waitFor()");
        set(tables, "scoring.xlsx", "Scoring", 44, 0, "");
        set(tables, "routing.xlsx", "Routing", 6, 5, "ACTIVATION-GRUOP");
        set(tables, "routing.xlsx", "Routing", 11, 2, "support-to-engineerng");

        List<String> errors = validateErrors(tables).stream().map(Object::toString).toList();

        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("decision-tables/scoring.xlsx, sheet Scoring, row 17, column D"))
                .anySatisfy(e -> assertThat(e).startsWith("decision-tables/scoring.xlsx, sheet Scoring, row 12, column E"))
                .anySatisfy(e -> assertThat(e).startsWith("decision-tables/scoring.xlsx, sheet Scoring, row 44, column A"))
                .anySatisfy(e -> assertThat(e).startsWith("decision-tables/routing.xlsx, sheet Routing, row 6, column F"))
                .anySatisfy(e -> assertThat(e).startsWith("decision-tables/routing.xlsx, sheet Routing, row 11, column C"));
        // no second, Drools-worded message for a row whose cell is already named
        assertThat(errors).filteredOn(e -> e.startsWith("decision-tables/scoring.xlsx, sheet Scoring, row 17")).hasSize(1);
        assertThat(errors).filteredOn(e -> e.startsWith("decision-tables/routing.xlsx, sheet Routing, row 6")).hasSize(1);
    }

    @Test
    void aMistakeSavedByLibreOfficeIsRefusedToo() throws Exception {
        assumeTrue(LibreOffice.available(), "LibreOffice (soffice) is not installed");
        Path tables = shippedTables();
        set(tables, "thresholds.xlsx", "Posture", 10, 2, "enterprize");
        edit(tables, "thresholds.xlsx", "Posture", s -> s.getRow(16).setZeroHeight(true));
        Path saved = LibreOffice.save(tables.resolve("thresholds.xlsx"));
        Files.copy(saved, tables.resolve("thresholds.xlsx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        List<String> errors = validateErrors(tables).stream().map(Object::toString).toList();
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
                        "decision-tables/thresholds.xlsx, sheet Posture, row 10, column C (Customer tier): customerTier is one of"))
                .anySatisfy(e -> assertThat(e).startsWith("decision-tables/thresholds.xlsx, sheet Posture, row 17, column A (Id)"));
        assertThat(candidateCheck(tables).problems())
                .anySatisfy(p -> assertThat(p).startsWith("decision-tables/thresholds.xlsx, sheet Posture, row 17, column A (Id)"));
    }

    static List<CompileProblem> validateErrors(Path tables) {
        try {
            new RulesetCompiler(RulesetCompiler.DEFAULT_MAX_FIRINGS, RulesetCompiler.DEFAULT_MAX_TABLE_PART_BYTES,
                    ContractEnums.values()).compile(RuleSources.read(RULES, tables));
        } catch (RulesetCompilationException e) {
            return e.problems().stream().filter(CompileProblem::isError).toList();
        }
        throw new AssertionError("the edited tables compiled");
    }

    /** What {@code candidate-check} runs in the child JVM, in process. */
    static CheckReport candidateCheck(Path tables) {
        return CHECK.run(RULES, tables, file -> { });
    }

    private static final CandidateCheck CHECK = new CandidateCheck(new RulesetCompiler(RulesetCompiler.DEFAULT_MAX_FIRINGS,
            RulesetCompiler.DEFAULT_MAX_TABLE_PART_BYTES, ContractEnums.values()));

    private Path shippedTables() throws IOException {
        Path tables = Files.createDirectories(temp.resolve("decision-tables"));
        try (Stream<Path> files = Files.list(Path.of("decision-tables"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, tables.resolve(file.getFileName()));
            }
        }
        return tables;
    }

    interface SheetEdit {
        void apply(Sheet sheet);
    }

    static void edit(Path tables, String file, String sheet, SheetEdit change) throws IOException {
        Path path = tables.resolve(file);
        Workbook workbook;
        try (InputStream in = Files.newInputStream(path)) {
            workbook = WorkbookFactory.create(in);
        }
        change.apply(workbook.getSheet(sheet));
        workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        try (OutputStream out = Files.newOutputStream(path)) {
            workbook.write(out);
        }
        workbook.close();
    }

    /** One cell as an analyst types text; {@code row} is the 1-based row shown, {@code column} 0-based. */
    static void set(Path tables, String file, String sheet, int row, int column, String value) throws IOException {
        edit(tables, file, sheet, s -> cell(s, row, column).setCellValue(value));
    }

    static void setNumber(Path tables, String file, String sheet, int row, int column, double value) throws IOException {
        edit(tables, file, sheet, s -> cell(s, row, column).setCellValue(value));
    }

    static Cell cell(Sheet sheet, int row, int column) {
        Row r = sheet.getRow(row - 1) == null ? sheet.createRow(row - 1) : sheet.getRow(row - 1);
        return r.getCell(column) == null ? r.createCell(column) : r.getCell(column);
    }

    /** The same table written in the old binary format, next to the others. */
    static void xls(Path tables, String file) throws IOException {
        try (Workbook xls = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
             OutputStream out = Files.newOutputStream(tables.resolve(file.replace(".xlsx", ".xls")))) {
            xls.createSheet("Gates").createRow(0).createCell(0).setCellValue("RuleSet");
            xls.write(out);
        }
    }
}
