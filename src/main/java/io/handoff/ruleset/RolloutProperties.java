package io.handoff.ruleset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Automatic rollback (the reliability guardrail): over the last {@code window} decisions of the active
 * version, when the share of critical posture exceeds the previous stable version's share by more than
 * {@code criticalShareIncrease} (after at least {@code minDecisions}), the service rolls back by itself.
 * It also rolls back when more than {@code maxErrorShare} of the window failed to decide.
 * {@code maxShadowChangeRate}: a shadowed candidate whose changed-decision rate is above it is not promoted
 * without override.
 */
@ConfigurationProperties("handoff.rollout")
public record RolloutProperties(@DefaultValue("200") int window, @DefaultValue("50") int minDecisions,
                                @DefaultValue("0.25") double criticalShareIncrease,
                                @DefaultValue("1.0") double maxShadowChangeRate,
                                @DefaultValue("0.05") double maxErrorShare) {
}
