package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case's optional {@code history:} block: read with the counts it states, absent counts zero, a misspelled or
 * impossible count named with file and line; a case without it has no history.
 */
class CaseHistoryTest {
    private static final String SHIPPED = "rules/cases/cs-061-ping-pong-from-history.yaml";

    @TempDir
    Path temp;

    @Test
    void readsTheStatedCountsAndZeroForTheRest() {
        RuleCase read = CaseRunner.read(Path.of(SHIPPED), SHIPPED);
        assertThat(read.history()).isEqualTo(new RuleCase.History(3, 0, 0, 0));
        assertThat(CaseRunner.read(Path.of("rules/cases/cs-060-ping-pong.yaml"), "cs-060").history()).isNull();
    }

    @Test
    void refusesAMisspelledHistoryKeyNamingItsLine() throws IOException {
        Path file = edited("  handoffsOfTicketIn7Days: 3", "  handoffsOfTicketIn7days: 3");
        assertThatThrownBy(() -> CaseRunner.read(file, "rules/cases/typo.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rules/cases/typo.yaml, line 50, column 3: unknown key 'handoffsOfTicketIn7days' under history")
                .hasMessageContaining("handoffsOfTicketIn7Days");
    }

    @Test
    void refusesMoreBouncesThanHandoffsForTheReceiver() throws IOException {
        Path file = edited("  handoffsOfTicketIn7Days: 3", "  receiverHandoffs30Days: 2\n  receiverBounces30Days: 3");
        assertThatThrownBy(() -> CaseRunner.read(file, "rules/cases/typo.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules/cases/typo.yaml, line 49").hasMessageContaining("cannot exceed receiverHandoffs30Days");
    }

    private Path edited(String correct, String wrong) throws IOException {
        String text = Files.readString(Path.of(SHIPPED));
        if (!text.contains(correct)) {
            throw new IllegalStateException("the shipped case no longer has " + correct);
        }
        Path file = temp.resolve("typo.yaml");
        Files.writeString(file, text.replace(correct, wrong));
        return file;
    }
}
