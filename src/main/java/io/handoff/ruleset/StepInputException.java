package io.handoff.ruleset;

/** A lifecycle step's actor or reason that cannot be recorded: named by field, with a stable code. */
public class StepInputException extends RuntimeException {
    public static final String REQUIRED = "required";
    public static final String TOO_LONG = "too-long";
    public static final String CONTROL_CHARACTER = "control-character";

    private final String field;
    private final String code;

    public StepInputException(String field, String code, String message) {
        super(message);
        this.field = field;
        this.code = code;
    }

    /** The input that is wrong: {@code actor} or {@code reason}. */
    public String field() {
        return field;
    }

    public String code() {
        return code;
    }
}
