package io.handoff.engine.verify;

/** A table cell the rule language does not allow: 1-based spreadsheet row, column letter and its header. */
public record CellRefusal(int row, String column, String header, String message) {
    /** {@code column E (Points)}. */
    public String describeColumn() {
        return "column " + column + (header == null || header.isBlank() ? "" : " (" + header + ")");
    }
}
