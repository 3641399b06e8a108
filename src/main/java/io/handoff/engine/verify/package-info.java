/**
 * The rule verifier: analysts' DRL and the DRL their decision tables generate are parsed (Drools' own DRL parser,
 * the DRLX expression parser for constraints, JavaParser for consequences) and refused unless every construct is on
 * the allow-list in {@link io.handoff.engine.verify.RuleLanguage}. Pure: it compiles and runs nothing.
 */
package io.handoff.engine.verify;
