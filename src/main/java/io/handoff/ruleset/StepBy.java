package io.handoff.ruleset;

/**
 * Who takes a lifecycle step and why. {@code principal} is the authenticated caller (an API key's name or a
 * token's subject), never a name the request claims; {@code reason} goes into the history and the audit log
 * as it is, so it is bounded and carries no control or bidi-override characters that could forge lines or
 * reorder what a reader sees. An instance that exists is fit to record.
 */
public record StepBy(String principal, String reason) {
    public static final int MAX_PRINCIPAL = 200;
    public static final int MAX_REASON = 500;
    /** The principal of what the service does by itself (an automatic rollback, loading its folders). */
    public static final String SERVICE = "service";

    public StepBy {
        check("actor", principal, MAX_PRINCIPAL);
        if (principal.isBlank()) {
            throw new StepInputException("actor", StepInputException.REQUIRED, "a lifecycle step needs an authenticated caller");
        }
        reason = reason == null ? "" : reason;
        check("reason", reason, MAX_REASON);
    }

    /** A step the service takes by itself. */
    public static StepBy service(String reason) {
        return new StepBy(SERVICE, reason);
    }

    /** Promote, rollback and canary change live traffic: their history must say why. */
    StepBy requiringReason() {
        if (reason.isBlank()) {
            throw new StepInputException("reason", StepInputException.REQUIRED,
                    "reason is required (1.." + MAX_REASON + " characters): the history and the audit log say why live traffic changed");
        }
        return this;
    }

    /**
     * Refuses text longer than {@code max} characters (code points) or holding a character that is not plain
     * text: ISO control characters (tab and line breaks included), format characters (bidi overrides and
     * isolates, zero-width characters), line and paragraph separators, and unpaired surrogates.
     */
    public static void check(String field, String text, int max) {
        if (text == null) {
            throw new StepInputException(field, StepInputException.REQUIRED, field + " is required");
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw new StepInputException(field, StepInputException.TOO_LONG, field + " is longer than " + max + " characters");
        }
        text.codePoints().filter(StepBy::notPlainText).findFirst().ifPresent(cp -> {
            throw new StepInputException(field, StepInputException.CONTROL_CHARACTER,
                    String.format("%s contains the character U+%04X, which is not allowed (control, format or bidi character)", field, cp));
        });
    }

    private static boolean notPlainText(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
