package io.handoff.notify;

/**
 * How urgent a notice or a follow-up is, from the contract's severity, priority and risk level and the decision's
 * posture: the highest level any of them reaches. critical: sev1, urgent, risk critical or posture critical; high:
 * sev2, high, risk high or posture red; medium: sev3, normal, risk medium or posture amber; low: the rest.
 */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Severity of(String severity, String priority, String riskLevel, String posture) {
        Severity level = LOW;
        level = max(level, switch (severity == null ? "" : severity) {
            case "sev1" -> CRITICAL;
            case "sev2" -> HIGH;
            case "sev3" -> MEDIUM;
            default -> LOW;
        });
        level = max(level, switch (priority == null ? "" : priority) {
            case "urgent" -> CRITICAL;
            case "high" -> HIGH;
            case "normal" -> MEDIUM;
            default -> LOW;
        });
        level = max(level, switch (riskLevel == null ? "" : riskLevel) {
            case "critical" -> CRITICAL;
            case "high" -> HIGH;
            case "medium" -> MEDIUM;
            default -> LOW;
        });
        return max(level, switch (posture == null ? "" : posture) {
            case "critical" -> CRITICAL;
            case "red" -> HIGH;
            case "amber" -> MEDIUM;
            default -> LOW;
        });
    }

    /** A sev1 or urgent handoff pages: its approval requests go out while the gate waits, not after it. */
    public static boolean urgent(String severity, String priority) {
        return "sev1".equals(severity) || "urgent".equals(priority);
    }

    /** The decision's urgency (low, normal, high, critical) on this scale: normal is medium. */
    public static Severity ofUrgency(String urgency) {
        return "normal".equals(urgency) ? MEDIUM : ofWire(urgency);
    }

    public static Severity ofWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }

    private static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
