package io.handoff.rulemodel;

/**
 * An input fact beside {@link Handoff}: something a valid 1.1 contract leaves open (release date already past, a part
 * of the launch plan missing, a review not passed), with its stable code and the JSON pointer the sender must fix.
 * Rules read it and never change it.
 */
public final class ContractGap {
    private final String code;
    private final String pointer;
    private final String message;

    public ContractGap(String code, String pointer, String message) {
        this.code = code;
        this.pointer = pointer;
        this.message = message;
    }

    /** release-date-past, launch-plan-missing, review-not-passed */
    public String getCode() {
        return code;
    }

    /** where in the contract, as a JSON pointer */
    public String getPointer() {
        return pointer;
    }

    public String getMessage() {
        return message;
    }
}
