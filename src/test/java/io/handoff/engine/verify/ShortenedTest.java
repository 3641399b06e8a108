package io.handoff.engine.verify;

import io.handoff.text.Shortened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;

/** A message quoting analyst text is cut short without ever ending in half a surrogate pair. */
class ShortenedTest {
    private static final String EMOJI = "\uD83D\uDE00";

    private static boolean holdsHalfAPair(String text) {
        return text.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    @Test
    void cutsBeforeAPairThatWouldBeSplit() {
        assertThat(Shortened.to("abc", 3, "...")).isEqualTo("abc");
        assertThat(Shortened.to("abcd", 3, "...")).isEqualTo("abc...");
        assertThat(Shortened.to("ab" + EMOJI, 3, "...")).isEqualTo("ab...");
        assertThat(Shortened.to("abc" + EMOJI, 4, "…")).isEqualTo("abc…");
        // within: text and tail together fit in max, as the 2,000-character columns of outcomes, incidents and outbox errors
        assertThat(Shortened.within("x".repeat(2000), 2000, "…")).hasSize(2000).doesNotContain("…");
        assertThat(Shortened.within("x".repeat(2001), 2000, "…")).hasSize(2000).endsWith("x…");
        String split = Shortened.within("x".repeat(1998) + EMOJI + "x", 2000, "…");
        assertThat(split).isEqualTo("x".repeat(1998) + "…");
        assertThat(holdsHalfAPair(split)).isFalse();
        assertThat(Shortened.to("a" + EMOJI + "b", 3, "…")).isEqualTo("a" + EMOJI + "…");
    }

    @Test
    void aRefusalQuotingAnEmojiAtTheCutNamesTheRefusal() throws Exception {
        String drl = Files.readString(Path.of("rules/guardrails/cost.drl")).replaceFirst(
                "Handoff\\( overBudget, budgetEstimate <= budgetCap \\* 2 \\)",
                "Handoff( overBudget, budgetEstimate <= budgetCap * 2, \"" + "a".repeat(98) + EMOJI.repeat(3) + "\".length() > 0 )");
        List<SourceFile> sources = List.of(new SourceFile("rules/guardrails/cost.drl", drl.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> new RulesetCompiler().compile(sources)).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> {
                    assertThat(e.problems()).isNotEmpty();
                    e.problems().forEach(p -> assertThat(holdsHalfAPair(p.message())).as(p.message()).isFalse());
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("length"));
                });
    }
}
