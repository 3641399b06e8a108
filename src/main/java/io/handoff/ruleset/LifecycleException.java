package io.handoff.ruleset;

/** A lifecycle step that cannot be taken (unknown version, candidate not passed, version blocked, nothing to roll back to). */
public class LifecycleException extends RuntimeException {
    private final String code;

    public LifecycleException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
