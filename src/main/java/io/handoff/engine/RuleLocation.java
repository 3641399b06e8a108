package io.handoff.engine;

/**
 * Where a rule is written: a DRL file and line, or a decision table file, sheet and spreadsheet row (1-based),
 * and for a single cell its column ({@code E (Points)}: letter and header). Absent parts are null.
 */
public record RuleLocation(String file, String sheet, Integer row, Integer line, String column) {
    public RuleLocation(String file, String sheet, Integer row, Integer line) {
        this(file, sheet, row, line, null);
    }

    public static RuleLocation ofCell(String file, String sheet, int row, String column) {
        return new RuleLocation(file, sheet, row, null, column);
    }

    public static RuleLocation ofDrl(String file, int line) {
        return new RuleLocation(file, null, null, line);
    }

    public static RuleLocation ofTableRow(String file, String sheet, int row) {
        return new RuleLocation(file, sheet, row, null);
    }

    public boolean isTable() {
        return sheet != null;
    }

    /** {@code decision-tables/scoring.xlsx, sheet Scoring, row 17} or {@code rules/guardrails/cost.drl, line 12}, with {@code , column E (Points)} for a cell. */
    public String describe() {
        StringBuilder text = new StringBuilder(file == null ? "(unknown source)" : file);
        if (sheet != null) {
            text.append(", sheet ").append(sheet);
        }
        if (row != null) {
            text.append(", row ").append(row);
        }
        if (column != null) {
            text.append(", column ").append(column);
        }
        if (line != null) {
            text.append(", line ").append(line);
        }
        return text.toString();
    }
}
