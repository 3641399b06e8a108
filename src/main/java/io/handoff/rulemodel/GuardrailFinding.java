package io.handoff.rulemodel;

import java.util.List;

/** A guardrail the handoff trips: its category, the action it demands and the posture it forces at least. */
public final class GuardrailFinding implements Outcome {
    public static final List<String> CATEGORIES = List.of("quality", "reliability", "cost");
    public static final List<String> ACTIONS = List.of("require-validation", "escalate", "rollback", "budget-guard");

    private final String category;
    private final String action;
    private final String postureFloor;
    private final String message;

    public GuardrailFinding(String category, String action, String postureFloor, String message) {
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("unknown guardrail category '" + category + "'");
        }
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("unknown guardrail action '" + action + "'");
        }
        this.category = category;
        this.action = action;
        this.postureFloor = postureFloor == null ? null : Postures.require(postureFloor);
        this.message = message;
    }

    public String getCategory() {
        return category;
    }

    public String getAction() {
        return action;
    }

    public String getPostureFloor() {
        return postureFloor;
    }

    public String getMessage() {
        return message;
    }

    @Override
    public String describe() {
        return category + " guardrail: " + action + " (" + message + ")";
    }
}
