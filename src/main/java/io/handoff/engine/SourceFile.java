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

    public boolean isTable() {
        return path.endsWith(".xlsx") || path.endsWith(".xls") || path.endsWith(".csv") || path.endsWith(".ods");
    }

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
