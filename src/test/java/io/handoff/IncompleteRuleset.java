package io.handoff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped ruleset with a hole no case falls into: VERDICT-ACCEPT no longer matches a contract that came in over
 * the {@code social} channel, so a ready social-media handoff gets no outcome. Every shipped case still passes.
 */
public final class IncompleteRuleset {
    private IncompleteRuleset() {
    }

    /** Copies the shipped folders to {@code folder}/rules and {@code folder}/decision-tables, with the hole. */
    public static Path copyTo(Path folder) throws IOException {
        CandidateFolders.copy(ShippedRuleset.RULES, folder.resolve("rules"));
        CandidateFolders.copy(ShippedRuleset.TABLES, folder.resolve("decision-tables"));
        Path outcome = folder.resolve("rules/verdict/outcome.drl");
        String drl = Files.readString(outcome, StandardCharsets.UTF_8);
        String hole = drl.replace("""
                    salience -44
                    activation-group "outcome"
                when
                    FinalPosture()
                """, """
                    salience -44
                    activation-group "outcome"
                when
                    FinalPosture()
                    Handoff( channel != "social" )
                """);
        if (hole.equals(drl)) {
            throw new IllegalStateException("VERDICT-ACCEPT in rules/verdict/outcome.drl no longer looks as expected");
        }
        Files.writeString(outcome, hole, StandardCharsets.UTF_8);
        return folder;
    }
}
