/** Drools behind one small interface: compile rule files and decision tables into a ruleset, evaluate facts into fired rules. */
package io.handoff.engine;
