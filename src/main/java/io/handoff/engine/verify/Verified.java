package io.handoff.engine.verify;

import java.util.List;

import org.drools.drl.ast.descr.PackageDescr;

/**
 * A DRL text after verification: the parsed package (null when it did not parse), what the rule language refuses in
 * it, and its syntax errors. The compiler builds exactly this package, never the text again, so what was verified
 * is what runs.
 */
public record Verified(PackageDescr packageDescr, List<Refusal> refusals, List<Refusal> syntaxErrors) {
    public Verified {
        refusals = List.copyOf(refusals);
        syntaxErrors = List.copyOf(syntaxErrors);
    }

    /** True when the package parsed and nothing in it was refused: only then may it be compiled. */
    public boolean allowed() {
        return packageDescr != null && refusals.isEmpty() && syntaxErrors.isEmpty();
    }
}
