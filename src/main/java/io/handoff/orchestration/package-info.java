/**
 * What happens to a handoff after its decision: approval gates with four eyes, delivery attempts under the
 * decision's retry policy, incidents for oversight with their packets, outcomes reported later, the posture
 * timeline, and the scorecard and threshold tuning built on those outcomes. Every state change commits in the
 * same transaction as the audit record that states it.
 */
package io.handoff.orchestration;
