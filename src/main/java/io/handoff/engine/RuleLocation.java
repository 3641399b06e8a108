package io.handoff.engine;

/**
 * Where a rule is written: a DRL file and line, or a decision table file, sheet and spreadsheet row (1-based).
 * Absent parts are null.
 */
public record RuleLocation(String file, String sheet, Integer row, Integer line) {
    public static RuleLocation ofDrl(String file, int line) {
        return new RuleLocation(file, null, null, line);
    }

    public static RuleLocation ofTableRow(String file, String sheet, int row) {
        return new RuleLocation(file, sheet, row, null);
    }

    public boolean isTable() {
        return sheet != null;
    }

    /** {@code decision-tables/scoring.xlsx, sheet Scoring, row 17} or {@code rules/guardrails/cost.drl, line 12}. */
    public String describe() {
        StringBuilder text = new StringBuilder(file == null ? "(unknown source)" : file);
        if (sheet != null) {
            text.append(", sheet ").append(sheet);
        }
        if (row != null) {
            text.append(", row ").append(row);
        }
        if (line != null) {
            text.append(", line ").append(line);
        }
        return text.toString();
    }
}
