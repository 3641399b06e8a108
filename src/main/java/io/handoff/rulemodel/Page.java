package io.handoff.rulemodel;

import java.util.List;

/**
 * Page an on-call target about the handoff: {@code parallel} pages now, alongside any approval gate (the gate does not
 * hold the page back); {@code after-approval} pages once the gates are passed.
 */
public final class Page implements Outcome {
    public static final List<String> MODES = List.of("parallel", "after-approval");

    private final String mode;
    private final String target;

    public Page(String mode, String target) {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown page mode '" + mode + "', expected one of " + MODES);
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("a page needs an on-call target");
        }
        this.mode = mode;
        this.target = target;
    }

    public String getMode() {
        return mode;
    }

    public String getTarget() {
        return target;
    }

    @Override
    public String describe() {
        return "page " + target + " (" + mode + ")";
    }
}
