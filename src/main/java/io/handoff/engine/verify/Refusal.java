package io.handoff.engine.verify;

import java.util.Objects;

/** One construct the rule language does not allow, at a line of the DRL that was checked (0 when unknown). */
public record Refusal(int line, String message) {
    public Refusal {
        Objects.requireNonNull(message, "message");
    }
}
