/**
 * Gradual adoption: the OpenFeature flag {@code handoff-mode} says, per domain and sending team, whether the
 * service is off, only observes (decides and records, callers proceed) or enforces; preflight checks say
 * whether a decision can be made and kept right now.
 */
package io.handoff.rollout;
