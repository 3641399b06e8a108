package io.handoff.rulemodel;

/** Something the sender must add before the receiver takes the handoff, pointing into the contract. */
public final class Remediation implements Outcome {
    private final String pointer;
    private final String message;

    /** A remediation whose message is the inserting rule's {@code @reason}. */
    public Remediation(String pointer) {
        this(pointer, null);
    }

    public Remediation(String pointer, String message) {
        if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
            throw new IllegalArgumentException("remediation pointer must be a JSON pointer, got '" + pointer + "'");
        }
        this.pointer = pointer;
        this.message = message;
    }

    public String getPointer() {
        return pointer;
    }

    public String getMessage() {
        return message;
    }

    @Override
    public String describe() {
        return "remediate " + pointer;
    }
}
