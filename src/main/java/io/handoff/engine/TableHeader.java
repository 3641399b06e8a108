package io.handoff.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * The header block of a sheet's {@code RuleTable}, as Drools reads it: the keyword row, then the column types, the
 * object types, the code snippets, the analysts' headers, and data rows up to the first blank row. Rows and columns
 * are 0-based here; {@link #describe} speaks the analyst's 1-based row and column letter.
 */
record TableHeader(SheetGrid grid, int top, int left, int width, int end) {

    /** The sheet's first RuleTable, or empty when it has none (or no room for its header). */
    static Optional<TableHeader> of(SheetGrid grid) {
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < Math.max(grid.width(r), 0); c++) {
                if (grid.cell(r, c).kind() == SheetGrid.Kind.TEXT && grid.text(r, c).startsWith("RuleTable")) {
                    int width = Math.max(grid.width(r + 1), 0);
                    int end = r + 5;
                    while (end < grid.rowCount() && !blank(grid, end, c, width)) {
                        end++;
                    }
                    return Optional.of(new TableHeader(grid, r, c, width, end));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean blank(SheetGrid grid, int row, int left, int width) {
        for (int c = left; c < width; c++) {
            if (!grid.text(row, c).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    boolean isBlank(int row) {
        return blank(grid, row, left, width);
    }

    int firstDataRow() {
        return top + 5;
    }

    /** The column type (CONDITION, ACTION, NAME, ...) upper-cased; "" when the type cell is empty. */
    String type(int column) {
        return grid.text(top + 1, column).toUpperCase(Locale.ROOT);
    }

    String objectType(int column) {
        return grid.text(top + 2, column);
    }

    String snippet(int column) {
        return grid.text(top + 3, column);
    }

    String label(int column) {
        return grid.text(top + 4, column);
    }

    /** The NAME column, or -1. */
    int nameColumn() {
        for (int c = left; c < width; c++) {
            if (type(c).equals("NAME") || type(c).equals("N")) {
                return c;
            }
        }
        return -1;
    }

    /** {@code E (Points)}: the column letter and the analyst's header. */
    String column(int column) {
        String label = label(column);
        return SheetGrid.letters(column) + (label.isEmpty() ? "" : " (" + label + ")");
    }

    RuleLocation cell(String file, int row, int column) {
        return RuleLocation.ofCell(file, grid.name(), row + 1, column(column));
    }

    /** The rule id a data row carries ("row 15" when it has none). */
    String ruleId(int row) {
        int name = nameColumn();
        String id = name < 0 ? "" : grid.text(row, name);
        return id.isEmpty() ? "row " + (row + 1) : id;
    }
}
