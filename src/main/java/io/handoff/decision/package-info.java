/** The use case: validate a contract, evaluate it on the active ruleset, and build the decision with its evidence. */
package io.handoff.decision;
