package io.handoff.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import io.handoff.engine.CompileProblem;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;
import io.handoff.rulemodel.Handoff;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every hostile rule file in {@code hostile-drl.yaml} is refused by the service's own compile path before any of it
 * is compiled, with the file, the line and plain words; the marker file its code would write never appears.
 */
class HostileRulesTest {
    record Hostile(String name, int line, String says, String drl) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    Path temp;

    static Stream<Hostile> hostile() throws IOException {
        try (InputStream in = HostileRulesTest.class.getResourceAsStream("/engine/verify/hostile-drl.yaml")) {
            return new YAMLMapper().readValue(in, new TypeReference<List<Hostile>>() { }).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesHostileRuleBeforeAnyOfItRuns(Hostile hostile) {
        Path marker = temp.resolve("marker");
        String drl = hostile.drl().replace("MARKER", marker.toString());
        List<SourceFile> sources = List.of(new SourceFile("rules/hostile.drl", drl.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> new RulesetCompiler().compile(sources))
                .isInstanceOfSatisfying(RulesetCompilationException.class, e -> assertThat(e.problems())
                        .filteredOn(p -> p.code().equals("not-allowed"))
                        .anySatisfy(p -> {
                            assertThat(p.isError()).isTrue();
                            assertThat(p.location().file()).isEqualTo("rules/hostile.drl");
                            assertThat(p.location().line()).as(p.toString()).isEqualTo(hostile.line());
                            assertThat(p.message()).contains(hostile.says());
                        }));
        assertThat(marker).doesNotExist();
    }

    @Test
    void theSameAttackRunsWhenDroolsCompilesItUnverified() throws IOException {
        // what the verifier prevents: Drools alone compiles this rule and, once it fires, runs the command
        Path marker = temp.resolve("marker");
        String drl = hostile().filter(h -> h.name().equals("consequence runs a shell command")).findFirst().orElseThrow()
                .drl().replace("MARKER", marker.toString());
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        assertThat(builder.hasErrors()).as(builder.getErrors().toString()).isFalse();
        KieSession session = builder.newKieBase().newKieSession();
        session.insert(new Handoff());
        session.fireAllRules();
        session.dispose();
        waitFor(marker);
        assertThat(marker).exists();
    }

    @Test
    void refusesEveryHostileRuleInOneReportNotOnlyTheFirst() throws IOException {
        List<SourceFile> sources = hostile().map(h -> new SourceFile("rules/" + h.name().replaceAll("\\W+", "-") + ".drl",
                h.drl().replace("MARKER", temp.resolve("marker").toString()).getBytes(StandardCharsets.UTF_8))).toList();

        assertThatThrownBy(() -> new RulesetCompiler().compile(sources))
                .isInstanceOfSatisfying(RulesetCompilationException.class, e -> assertThat(e.problems()
                        .stream().filter(p -> p.code().equals("not-allowed")).map(p -> p.location().file()).distinct())
                        .hasSize(sources.size()));
        assertThat(temp.resolve("marker")).doesNotExist();
    }

    private static void waitFor(Path file) {
        for (int i = 0; i < 50 && !Files.exists(file); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static boolean isRefusal(CompileProblem problem) {
        return problem.code().equals("not-allowed");
    }
}
