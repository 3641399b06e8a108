package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.engine.SourceFile;

class SourceDiffTest {

    private static SourceFile file(String path, String text) {
        return new SourceFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void listsChangedAddedAndRemovedFilesWithTheirLinesAroundEachChange() {
        List<SourceDiff.File> files = SourceDiff.between(
                List.of(file("rules/a.drl", "1\n2\n3\n4\n5\n6\n7\n8\n"), file("rules/cases/old.yaml", "name: old\n")),
                List.of(file("rules/a.drl", "1\n2\n3\n4\nfive\n6\n7\n8\n"), file("rules/cases/new.yaml", "name: new\n")));

        assertThat(files).extracting(SourceDiff.File::path, SourceDiff.File::kind, SourceDiff.File::isCase).containsExactly(
                org.assertj.core.groups.Tuple.tuple("rules/a.drl", "changed", false),
                org.assertj.core.groups.Tuple.tuple("rules/cases/new.yaml", "added", true),
                org.assertj.core.groups.Tuple.tuple("rules/cases/old.yaml", "removed", true));
        assertThat(files.get(0).lines()).extracting(l -> l.sign() + l.text())
                .containsExactly(" 3", " 4", "-5", "+five", " 6", " 7");
    }

    @Test
    void anUnchangedFileIsNotListed() {
        assertThat(SourceDiff.between(List.of(file("rules/a.drl", "x")), List.of(file("rules/a.drl", "x")))).isEmpty();
    }
}
