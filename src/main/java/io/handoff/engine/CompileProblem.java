package io.handoff.engine;

import java.util.Objects;

/** One error or warning found compiling a ruleset, located the way an analyst reads the source. */
public record CompileProblem(Severity severity, String code, RuleLocation location, String message) {
    public enum Severity { ERROR, WARNING }

    public CompileProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        message = message == null ? "" : message.strip();
    }

    public static CompileProblem error(String code, RuleLocation location, String message) {
        return new CompileProblem(Severity.ERROR, code, location, message);
    }

    public static CompileProblem warning(String code, RuleLocation location, String message) {
        return new CompileProblem(Severity.WARNING, code, location, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return location.describe() + ": " + message;
    }
}
