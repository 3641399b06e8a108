package io.handoff.rulemodel;

import java.util.List;

/**
 * How fast someone must act on the handoff: low, normal, high or critical, from severity, priority, SLA minutes left
 * and customer commitment. Apart from posture (how complete and safe the package is): a sev1 with a complete package
 * is green and critical at once. Routing and paging use urgency; gates use posture.
 */
public final class Urgency implements Outcome {
    public static final List<String> LEVELS = List.of("low", "normal", "high", "critical");

    private final String level;

    public Urgency(String level) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown urgency '" + level + "', expected one of " + LEVELS);
        }
        this.level = level;
    }

    public String getLevel() {
        return level;
    }

    @Override
    public String describe() {
        return "urgency " + level;
    }
}
