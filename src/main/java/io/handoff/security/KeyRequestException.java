package io.handoff.security;

import java.util.List;

/**
 * An admin key request that cannot be carried out, with a stable code: {@code invalid-key-request} (every
 * violation in {@link #errors()}), {@code duplicate-key-name}, {@code unknown-key} or {@code key-already-revoked}.
 */
public final class KeyRequestException extends RuntimeException {
    public static final String INVALID = "invalid-key-request";
    public static final String DUPLICATE_NAME = "duplicate-key-name";
    public static final String UNKNOWN = "unknown-key";
    public static final String ALREADY_REVOKED = "key-already-revoked";

    /** One violation of a key request, located by JSON pointer. */
    public record Error(String pointer, String code, String message) {
    }

    private final String code;
    private final List<Error> errors;

    KeyRequestException(String code, String message, List<Error> errors) {
        super(message);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    KeyRequestException(String code, String message) {
        this(code, message, List.of());
    }

    public String code() {
        return code;
    }

    public List<Error> errors() {
        return errors;
    }
}
