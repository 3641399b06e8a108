package io.handoff.ruleset;

import io.handoff.text.Shortened;

/**
 * What of a failure's text may reach a report: its first line, control characters removed, bounded. A rule
 * that throws can put anything in its message (lines of a file it read); a report keeps one short line of it.
 */
public final class FirstLine {
    static final int MAX_CHARS = 200;

    private FirstLine() {
    }

    /** The exception's type and the first line of its message. */
    public static String of(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return of(e.getClass().getName() + message, MAX_CHARS);
    }

    public static String of(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", " ");
        return Shortened.to(line, maxChars, "…");
    }
}
