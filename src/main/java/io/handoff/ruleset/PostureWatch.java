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
    private int errors;

    PostureWatch(int window) {
        this.window = window;
    }

    /** A decision of the watched version: its posture, or null when the version failed to decide. */
    synchronized void observe(String decisionId, String posture) {
        String mark = posture == null ? "e" : "critical".equals(posture) ? "c" : "";
        recent.addLast(new String[] {decisionId, mark});
        critical += mark.equals("c") ? 1 : 0;
        errors += mark.equals("e") ? 1 : 0;
        if (recent.size() > window) {
            String dropped = recent.removeFirst()[1];
            critical -= dropped.equals("c") ? 1 : 0;
            errors -= dropped.equals("e") ? 1 : 0;
        }
    }

    synchronized double errorShare() {
        return recent.isEmpty() ? 0 : (double) errors / recent.size();
    }

    synchronized int size() {
        return recent.size();
    }

    synchronized double criticalShare() {
        return recent.isEmpty() ? 0 : (double) critical / recent.size();
    }

    /** Ids of the critical or failed decisions in the window, oldest first. */
    synchronized List<String> criticalDecisionIds(int max) {
        List<String> ids = new ArrayList<>();
        for (String[] entry : recent) {
            if (!entry[1].isEmpty() && ids.size() < max) {
                ids.add(entry[0]);
            }
        }
        return ids;
    }
}
