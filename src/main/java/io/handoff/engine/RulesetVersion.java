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
 * never both); a workbook by its sheets' names and cell values as {@link SheetGrid} reads them, so opening and
 * saving a table unchanged, in any spreadsheet program, keeps its version.
 */
public final class RulesetVersion {
    /** Marks the canonical form of a workbook, so that no file's bytes can collide with a workbook's cells. */
    private static final byte[] CELLS = "cells-v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BYTES = "bytes-v1".getBytes(StandardCharsets.UTF_8);

    private RulesetVersion() {
    }

    /** The version of these files: the one function that names a ruleset. */
    public static String of(List<SourceFile> files) {
        MessageDigest digest = sha256();
        files.stream().sorted(Comparator.comparing(SourceFile::path)).forEach(file -> {
            text(digest, file.path());
            Map<String, List<List<String>>> sheets = cells(file);
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
        return version.equals(of(files)) || version.equals(byteVersion(files));
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
    private static Map<String, List<List<String>>> cells(SourceFile file) {
        if (!file.path().endsWith(".xlsx") && !file.path().endsWith(".xls")) {
            return null;
        }
        if (WorkbookParts.check(file, WorkbookParts.DEFAULT_MAX_PART_BYTES).isPresent()) {
            return null;
        }
        try {
            return SheetGrid.read(file.content());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Rows and cells keep their places (a trace names the row); blank cells and rows after the last value do not count. */
    private static void sheet(MessageDigest digest, String name, List<List<String>> grid) {
        text(digest, name);
        int rows = grid.size();
        while (rows > 0 && width(grid.get(rows - 1)) == 0) {
            rows--;
        }
        digest.update(ByteBuffer.allocate(4).putInt(rows).array());
        for (List<String> row : grid.subList(0, rows)) {
            int width = width(row);
            digest.update(ByteBuffer.allocate(4).putInt(width).array());
            row.subList(0, width).forEach(cell -> text(digest, cell));
        }
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
