package io.handoff.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The name of a ruleset: SHA-256 over its sorted files, each as its path and its content as the service reads it.
 * A rule file and a case file by their bytes (cases are part of the version: a version is rejected or passed once,
 * never both); a workbook by its sheets' names and cells as {@link SheetGrid} reads them (values as Drools reads them,
 * formula text, hidden rows and columns, merged regions: everything a check looks at), so opening and saving a table
 * unchanged, in any spreadsheet program, keeps its version, while hiding a row or typing a formula makes a new one.
 */
public final class RulesetVersion {
    /** Marks the canonical form of a workbook, so that no file's bytes can collide with a workbook's cells. */
    private static final byte[] CELLS = "cells-v2".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BYTES = "bytes-v1".getBytes(StandardCharsets.UTF_8);

    private RulesetVersion() {
    }

    /** The version of these files: the one function that names a ruleset. */
    public static String of(List<SourceFile> files) {
        return of(files, new WorkbookGrids());
    }

    /** {@link #of(List)}, reading the workbooks through a compile's {@link WorkbookGrids}. */
    static String of(List<SourceFile> files, WorkbookGrids grids) {
        MessageDigest digest = sha256();
        files.stream().sorted(Comparator.comparing(SourceFile::path)).forEach(file -> {
            text(digest, file.path());
            Map<String, SheetGrid> sheets = cells(file, grids);
            if (sheets == null) {
                digest.update(BYTES);
                bytes(digest, file.content());
            } else {
                digest.update(CELLS);
                digest.update(ByteBuffer.allocate(4).putInt(sheets.size()).array());
                sheets.forEach((name, grid) -> sheet(digest, name, grid));
            }
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Whether {@code version} names these files: their version, or the name they were given before cases and cell
     * values made the version (SHA-256 over the rule files' paths and bytes), under which the archive, the active
     * pointer and recorded decisions of older data know them. Only ever used to recognise such a name.
     */
    public static boolean names(String version, List<SourceFile> files) {
        return names(version, files, new WorkbookGrids());
    }

    static boolean names(String version, List<SourceFile> files, WorkbookGrids grids) {
        return version.equals(of(files, grids)) || version.equals(byteVersion(files));
    }

    private static String byteVersion(List<SourceFile> files) {
        MessageDigest digest = sha256();
        files.stream().filter(file -> !file.isCase()).sorted(Comparator.comparing(SourceFile::path)).forEach(file -> {
            digest.update(file.path().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            bytes(digest, file.content());
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A workbook's sheets as the compiler reads them, or null for anything else: a file that is not a workbook, or
     * one that cannot be read or is too large to open (the compiler refuses it; its bytes name it until then).
     */
    private static Map<String, SheetGrid> cells(SourceFile file, WorkbookGrids grids) {
        if (!file.path().endsWith(".xlsx") && !file.path().endsWith(".xls")) {
            return null;
        }
        if (WorkbookParts.check(file, WorkbookParts.DEFAULT_MAX_PART_BYTES).isPresent()) {
            return null;
        }
        try {
            return grids.read(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Rows and cells keep their places (a trace names the row); blank cells and rows after the last value do not
     * count. A cell counts by its value, and by its formula text when it has one; then the hidden rows and columns and
     * the merged regions, which the checks refuse but which must never leave a refused and a passed table one name.
     */
    private static void sheet(MessageDigest digest, String name, SheetGrid grid) {
        text(digest, name);
        List<List<String>> texts = grid.texts();
        int rows = texts.size();
        while (rows > 0 && width(texts.get(rows - 1)) == 0) {
            rows--;
        }
        digest.update(ByteBuffer.allocate(4).putInt(rows).array());
        for (int r = 0; r < rows; r++) {
            int width = width(texts.get(r));
            digest.update(ByteBuffer.allocate(4).putInt(width).array());
            for (int c = 0; c < width; c++) {
                SheetGrid.Cell cell = grid.cell(r, c);
                text(digest, cell.value());
                text(digest, cell.isFormula() ? "=" + cell.formula() : "");
            }
        }
        List<Integer> hiddenRows = new java.util.ArrayList<>();
        for (int r = 0; r < rows; r++) { // a hidden blank row after the table changes nothing
            if (grid.rowHidden(r)) {
                hiddenRows.add(r);
            }
        }
        text(digest, "hidden-rows " + hiddenRows);
        List<Integer> hiddenColumns = new java.util.ArrayList<>();
        int widest = texts.subList(0, rows).stream().mapToInt(RulesetVersion::width).max().orElse(0);
        for (int c = 0; c < widest; c++) {
            if (grid.columnHidden(c)) {
                hiddenColumns.add(c);
            }
        }
        text(digest, "hidden-columns " + hiddenColumns);
        // a hidden sheet is refused: it must not share its name with the same sheet shown (a shown one hashes as before)
        text(digest, "merged " + grid.merged().stream().map(SheetGrid.Region::describe).sorted().toList()
                + (grid.hidden() ? " hidden-sheet" : ""));
    }

    private static int width(List<String> row) {
        int width = row.size();
        while (width > 0 && row.get(width - 1).isBlank()) {
            width--;
        }
        return width;
    }

    private static void text(MessageDigest digest, String text) {
        bytes(digest, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest digest, byte[] content) {
        digest.update(ByteBuffer.allocate(8).putLong(content.length).array());
        digest.update(content);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
