package io.handoff.contract;

import java.util.Objects;

/** One way a contract breaks its schema: where (a JSON pointer), a stable code, and a readable message. */
public record Violation(String pointer, String code, String message) {
    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
