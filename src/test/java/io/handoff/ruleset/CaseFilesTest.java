package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelled key in a case file is an error naming the file and the key, not a check silently skipped. */
class CaseFilesTest {
    @TempDir
    Path temp;

    @Test
    void refusesAMisspelledExpectationKey() throws IOException {
        Path file = misspelled("posture: green", "postrue: green");
        assertThatThrownBy(() -> CaseRunner.read(file, "rules/cases/typo.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules/cases/typo.yaml").hasMessageContaining("postrue");
    }

    @Test
    void refusesAnUnknownTopLevelKey() throws IOException {
        Path file = misspelled("expect:", "expected:");
        assertThatThrownBy(() -> CaseRunner.read(file, "rules/cases/typo.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules/cases/typo.yaml").hasMessageContaining("'expected'");
    }

    private Path misspelled(String correct, String wrong) throws IOException {
        String text = Files.readString(Path.of("rules/cases/cs-010-tier2-complete.yaml"));
        if (!text.contains(correct)) {
            throw new IllegalStateException("the shipped case no longer has " + correct);
        }
        Path file = temp.resolve("typo.yaml");
        Files.writeString(file, text.replace(correct, wrong));
        return file;
    }
}
