package io.handoff.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.handoff.engine.RuleSources;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** What analysts write must keep working: the shipped rules and every form the analysts' guide shows pass. */
class AllowedRulesTest {
    record Allowed(String name, String drl) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Allowed> allowed() throws IOException {
        try (InputStream in = AllowedRulesTest.class.getResourceAsStream("/engine/verify/allowed-drl.yaml")) {
            return new YAMLMapper().readValue(in, new TypeReference<List<Allowed>>() { }).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void acceptsTheFormsTheGuideShows(Allowed allowed) {
        assertThat(new DrlVerifier().verify(allowed.drl())).isEmpty();
        // and Drools compiles it: the allowed language is real DRL, not only text the verifier likes
        assertThat(new RulesetCompiler().compile(List.of(new SourceFile("rules/example.drl",
                allowed.drl().getBytes(StandardCharsets.UTF_8)))).rules()).isNotEmpty();
    }

    @Test
    void acceptsEveryShippedRuleFile() {
        List<SourceFile> drls = RuleSources.read(Path.of("rules")).stream().filter(SourceFile::isDrl).toList();
        assertThat(drls).isNotEmpty().allSatisfy(source ->
                assertThat(new DrlVerifier().verify(new String(source.content(), StandardCharsets.UTF_8))).as(source.path()).isEmpty());
    }
}
