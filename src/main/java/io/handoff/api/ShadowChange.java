package io.handoff.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.handoff.ruleset.ShadowStore;

/**
 * One decision a shadow candidate would have decided differently, with each changed field apart (the shadow store
 * keeps the comparison as one line of {@code decision/DecisionDiff} parts: {@code retryPolicy 3 attempts, 300 s -> 1
 * attempts, 5 s; route a -> b}).
 */
record ShadowChange(String decisionId, String activeVersion, List<Field> fields) {
    /** A changed field of the decision's JSON, its value on the active version and on the candidate. */
    record Field(String name, String active, String candidate) {
    }

    private static final String NAMES = "outcome|posture|route|route\\.reason|score|contributions|approvals|retryPolicy|guardrails|remediation";
    private static final Pattern PART = Pattern.compile("; (?=(" + NAMES + ") )");
    private static final Pattern NAMED = Pattern.compile("(" + NAMES + ") (.*)", Pattern.DOTALL);

    ShadowChange {
        fields = List.copyOf(fields);
    }

    static ShadowChange of(ShadowStore.Changed changed) {
        List<Field> fields = new ArrayList<>();
        String differences = changed.differences() == null ? "" : changed.differences();
        for (String part : PART.split(differences)) {
            var named = NAMED.matcher(part);
            if (!named.matches()) {
                fields.add(new Field("(other)", part, ""));
                continue;
            }
            String rest = named.group(2);
            // a list is "[..] -> [..]"; a value is "a -> b" (the first arrow: values of these fields hold none)
            int arrow = rest.startsWith("[") ? rest.indexOf("] -> [") + 1 : rest.indexOf(" -> ");
            fields.add(arrow <= 0 ? new Field(named.group(1), rest, "")
                    : new Field(named.group(1), rest.substring(0, arrow), rest.substring(arrow + 4)));
        }
        return new ShadowChange(changed.decisionId(), changed.activeVersion(), fields);
    }
}
