package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What a lifecycle step may record as its reason: bounded plain text. */
class StepByTest {

    @Test
    void acceptsFiveHundredCharactersCountedAsCodePointsAndAnyScript() {
        String emoji = "\uD83D\uDE80".repeat(StepBy.MAX_REASON);
        assertThat(new StepBy("dev-admin", emoji).reason()).isEqualTo(emoji);
        assertThat(new StepBy("dev-admin", "Grün-Band angehoben, 見直し済み").reason()).isEqualTo("Grün-Band angehoben, 見直し済み");
        assertThat(new StepBy("dev-admin", null).reason()).isEmpty();
    }

    @Test
    void refusesAReasonOverFiveHundredCharacters() {
        assertThatThrownBy(() -> new StepBy("dev-admin", "x".repeat(StepBy.MAX_REASON + 1)))
                .isInstanceOfSatisfying(StepInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("reason");
                    assertThat(e.code()).isEqualTo(StepInputException.TOO_LONG);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "carriage\rreturn", "tab\there", "bell\u0007", "del\u007F", "c1\u0085",
            "right-to-left \u202Eoverride", "isolate \u2066x\u2069", "zero\u200Bwidth", "separator\u2028line", "lone \uD800 surrogate"})
    void refusesControlFormatAndBidiCharacters(String reason) {
        assertThatThrownBy(() -> new StepBy("dev-admin", reason))
                .isInstanceOfSatisfying(StepInputException.class, e -> assertThat(e.code()).isEqualTo(StepInputException.CONTROL_CHARACTER));
    }

    @Test
    void requiresAReasonWhereLiveTrafficChanges() {
        assertThatThrownBy(() -> new StepBy("dev-admin", " ").requiringReason())
                .isInstanceOfSatisfying(StepInputException.class, e -> assertThat(e.code()).isEqualTo(StepInputException.REQUIRED));
        assertThatThrownBy(() -> new StepBy("", "why")).isInstanceOf(StepInputException.class);
    }
}
