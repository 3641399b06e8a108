package io.handoff.api;

/**
 * A free-text field of a request over its limit: 422 with the field's pointer, before anything is looked up or
 * stored. Every text a request body carries has a limit (ids 200, reasons and notes 2000 characters), so a long
 * value is a clear refusal and never a database error.
 */
final class TooLongException extends RuntimeException {
    static final int ID = 200;
    static final int TEXT = 2000;
    private final String pointer;
    private final int max;

    private TooLongException(String pointer, int max) {
        super(pointer + " must be at most " + max + " characters");
        this.pointer = pointer;
        this.max = max;
    }

    /** Refuses {@code value} (named by its JSON pointer, or a parameter name) when it is longer than {@code max}. */
    static void check(String pointer, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new TooLongException(pointer, max);
        }
    }

    String pointer() {
        return pointer;
    }

    int max() {
        return max;
    }
}
