package io.handoff.ruleset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A sliding window of the active version's recent decisions: how many were critical, and which. */
final class PostureWatch {
    private final int window;
    private final Deque<String[]> recent = new ArrayDeque<>();
    private int critical;

    PostureWatch(int window) {
        this.window = window;
    }

    synchronized void observe(String decisionId, String posture) {
        boolean isCritical = "critical".equals(posture);
        recent.addLast(new String[] {decisionId, isCritical ? "c" : ""});
        critical += isCritical ? 1 : 0;
        if (recent.size() > window) {
            critical -= "c".equals(recent.removeFirst()[1]) ? 1 : 0;
        }
    }

    synchronized int size() {
        return recent.size();
    }

    synchronized double criticalShare() {
        return recent.isEmpty() ? 0 : (double) critical / recent.size();
    }

    synchronized List<String> criticalDecisionIds(int max) {
        List<String> ids = new ArrayList<>();
        for (String[] entry : recent) {
            if ("c".equals(entry[1]) && ids.size() < max) {
                ids.add(entry[0]);
            }
        }
        return ids;
    }
}
