/** The vocabulary rules and tables are written in: the Handoff fact they read and the outcome facts they insert. */
package io.handoff.rulemodel;
