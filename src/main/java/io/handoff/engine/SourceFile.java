package io.handoff.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * One file of a ruleset: its path as users see it ({@code decision-tables/scoring.xlsx}) and its exact bytes. A rule
 * file or decision table is compiled; a case file ({@code rules/cases/x.yaml}) is not, but is part of the version.
 */
public record SourceFile(String path, byte[] content) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        if (path.isBlank() || path.startsWith("/") || path.contains("\\") || path.contains("..")) {
            throw new IllegalArgumentException("source path must be relative with forward slashes: " + path);
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /**
     * Any spreadsheet, whatever program saved it and however its extension is spelled ({@code .xlsm}, {@code .XLSX}):
     * the translator compiles {@code .xlsx} and {@code .csv} and refuses the others with what to do, never skips them.
     */
    public boolean isTable() {
        return SPREADSHEET.matcher(path).matches();
    }

    static final java.util.regex.Pattern SPREADSHEET =
            java.util.regex.Pattern.compile("(?i).*\\.(xlsx|xlsm|xlsb|xltx|xltm|xls|xlt|ods|fods|ots|csv)");

    public boolean isDrl() {
        return path.endsWith(".drl");
    }

    /** A case kept in the {@code cases} folder at the top of a rules or tables folder. */
    public boolean isCase() {
        return path.matches("[^/]+/cases/.+\\.(ya?ml|json)");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceFile that && path.equals(that.path) && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
