package io.handoff.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a candidate's report as the console lists it: where it is (file, sheet, row, column or line, each when
 * the checks named it) and what is wrong. The report keeps them as {@code engine/CompileProblem} texts
 * ({@code decision-tables/routing.xlsx, sheet Retry, row 12, column F (Max attempts, backoff s): ...}).
 */
record ReportProblem(String file, String sheet, String row, String column, String line, String message) {
    private static final Pattern LOCATED = Pattern.compile("(?<file>(?:rules|decision-tables)/[^,:]+?)(?:, sheet (?<sheet>[^,]+?))?"
            + "(?:, row (?<row>\\d+))?(?:, column (?<column>[A-Z]+(?: \\([^)]*\\))?))?(?:, line (?<line>\\d+))?: (?<message>.*)",
            Pattern.DOTALL);

    static ReportProblem of(String text) {
        Matcher m = LOCATED.matcher(text);
        if (!m.matches()) {
            return new ReportProblem(null, null, null, null, null, text);
        }
        return new ReportProblem(m.group("file"), m.group("sheet"), m.group("row"), m.group("column"), m.group("line"),
                m.group("message"));
    }
}
