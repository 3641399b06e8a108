package io.handoff.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.TableCells;

/**
 * A version names what is decided and checked: rules, the tables' cells and the cases. Saving a table unchanged
 * keeps it; changing a case changes it; archived files recompile under the version they were archived as.
 */
class RulesetVersionTest {
    @TempDir
    Path temp;
    Path rules;
    Path tables;

    @BeforeEach
    void copyShipped() throws IOException {
        rules = copy(Path.of("rules"), temp.resolve("rules"));
        tables = copy(Path.of("decision-tables"), temp.resolve("decision-tables"));
    }

    @Test
    void versionIsUnchangedWhenATableIsOpenedAndSavedWithApachePoi() throws IOException {
        String before = version();
        Path scoring = tables.resolve("scoring.xlsx");
        byte[] original = Files.readAllBytes(scoring);
        Workbook workbook;
        try (InputStream in = Files.newInputStream(scoring)) {
            workbook = WorkbookFactory.create(in);
        }
        try (workbook; OutputStream out = Files.newOutputStream(scoring)) {
            workbook.write(out);
        }

        assertThat(Files.readAllBytes(scoring)).isNotEqualTo(original);
        assertThat(version()).isEqualTo(before);
    }

    @Test
    void versionIsUnchangedWhenATableIsOpenedAndSavedWithLibreOffice() throws Exception {
        assumeTrue(onPath("soffice"), "LibreOffice (soffice) is not installed");
        String before = version();
        Path saved = Files.createDirectories(temp.resolve("saved"));
        Process soffice = new ProcessBuilder("soffice", "-env:UserInstallation=" + temp.resolve("profile").toUri(), "--headless",
                "--convert-to", "xlsx", "--outdir", saved.toString(), tables.resolve("routing.xlsx").toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("soffice.log").toFile()).start();
        assumeTrue(soffice.waitFor(120, TimeUnit.SECONDS) && soffice.exitValue() == 0
                && Files.exists(saved.resolve("routing.xlsx")), "LibreOffice did not convert the table");
        byte[] original = Files.readAllBytes(tables.resolve("routing.xlsx"));
        Files.copy(saved.resolve("routing.xlsx"), tables.resolve("routing.xlsx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(Files.readAllBytes(tables.resolve("routing.xlsx"))).isNotEqualTo(original);
        assertThat(version()).isEqualTo(before);
    }

    @Test
    void versionChangesWhenACellChanges() throws IOException {
        String before = version();
        TableCells.set(tables.resolve("routing.xlsx"), "Retry", 13, 5, "2, 60"); // RETRY-PM-010 was "2, 3600"
        assertThat(version()).isNotEqualTo(before);
    }

    @Test
    void versionChangesWhenARowIsHiddenOrAValueBecomesAFormula() throws IOException {
        String before = version();
        Path scoring = tables.resolve("routing.xlsx");
        edit(scoring, workbook -> workbook.getSheet("Retry").getRow(12).setZeroHeight(true));
        String hidden = version();
        assertThat(hidden).isNotEqualTo(before); // a refused table and the passed one never share a name

        edit(scoring, workbook -> workbook.getSheet("Retry").getRow(12).setZeroHeight(false));
        assertThat(version()).isEqualTo(before);

        Path thresholds = tables.resolve("thresholds.xlsx");
        edit(thresholds, workbook -> {
            org.apache.poi.ss.usermodel.Sheet posture = workbook.getSheet("Posture");
            for (org.apache.poi.ss.usermodel.Row row : posture) {
                for (org.apache.poi.ss.usermodel.Cell cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC && cell.getNumericCellValue() == 70) {
                        cell.setCellFormula("60+10"); // the same value Drools reads, written as a formula
                        return;
                    }
                }
            }
            throw new AssertionError("no cell holding 70 on sheet Posture");
        });
        assertThat(version()).isNotEqualTo(before);
    }

    @Test
    void versionChangesWhenASheetIsHidden() throws IOException {
        String before = version();
        Path gates = tables.resolve("gates.xlsx");
        edit(gates, workbook -> workbook.setSheetHidden(workbook.getSheetIndex("Gates"), true));
        assertThat(version()).isNotEqualTo(before); // refused hidden, passed shown: never one name

        edit(gates, workbook -> workbook.setSheetHidden(workbook.getSheetIndex("Gates"), false));
        assertThat(version()).isEqualTo(before);
    }

    private static void edit(Path file, java.util.function.Consumer<Workbook> change) throws IOException {
        Workbook workbook;
        try (InputStream in = Files.newInputStream(file)) {
            workbook = WorkbookFactory.create(in);
        }
        change.accept(workbook);
        workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        try (workbook; OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
    }

    @Test
    void versionChangesWhenACaseFileChanges() throws IOException {
        String before = version();
        Path file = rules.resolve("cases/cs-210-open-checklist.yaml");
        Files.writeString(file, Files.readString(file).replace("  posture: green\n", "  posture: amber\n"));

        assertThat(RuleSources.read(rules, tables)).extracting(SourceFile::path).contains("rules/cases/cs-210-open-checklist.yaml");
        assertThat(version()).isNotEqualTo(before);
    }

    @Test
    void caseFilesArePartOfTheVersionButAreNotCompiled() {
        Ruleset ruleset = new RulesetCompiler().compile(RuleSources.read(rules, tables));
        assertThat(ruleset.version()).isEqualTo(version());
        assertThat(ruleset.sources()).filteredOn(SourceFile::isCase).hasSizeGreaterThanOrEqualTo(38);
        assertThat(ruleset.rules()).hasSize(io.handoff.ShippedRuleset.ruleset().rules().size());
        assertThat(ruleset.rules().values()).extracting(RuleLocation::file).allSatisfy(file -> assertThat(file).doesNotContain("/cases/"));
    }

    @Test
    void archivedFilesRecompileUnderTheVersionTheyWereArchivedAs() throws Exception {
        List<SourceFile> files = RuleSources.read(rules, tables);
        RulesetCompiler compiler = new RulesetCompiler();
        assertThat(compiler.recompile(version(), files).version()).isEqualTo(version());

        // data from before cases and cell values named versions: the rule files only, named by their bytes
        List<SourceFile> archivedEarlier = files.stream().filter(f -> !f.isCase()).toList();
        String earlierName = byteVersion(archivedEarlier);
        assertThat(compiler.recompile(earlierName, archivedEarlier).version()).isEqualTo(earlierName);
        assertThat(compiler.compile(files).named(earlierName).version()).isEqualTo(earlierName);

        assertThatThrownBy(() -> compiler.recompile("0".repeat(64), files)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("have version " + version());
    }

    private String version() {
        return RulesetVersion.of(RuleSources.read(rules, tables));
    }

    /** How versions were named before: SHA-256 over sorted paths and bytes (what older archives hold). */
    private static String byteVersion(List<SourceFile> files) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (SourceFile file : files.stream().sorted(java.util.Comparator.comparing(SourceFile::path)).toList()) {
            digest.update(file.path().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(java.nio.ByteBuffer.allocate(8).putLong(file.content().length).array());
            digest.update(file.content());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
