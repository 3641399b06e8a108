package io.handoff.ruleset;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;

/**
 * The ruleset every decision uses. Compiled from the configured folders at startup (a ruleset that does
 * not compile stops startup with every error listed); replaced only by an atomic swap, so a request in
 * flight finishes on the version it started with.
 */
public final class ActiveRuleset implements Supplier<Ruleset> {
    private final AtomicReference<Ruleset> current = new AtomicReference<>();

    public ActiveRuleset(Ruleset initial) {
        current.set(initial);
    }

    public static ActiveRuleset load(RulesetProperties properties) {
        return new ActiveRuleset(compile(properties));
    }

    public static Ruleset compile(RulesetProperties properties) {
        return properties.compiler()
                .compile(RuleSources.read(properties.rulesFolder(), properties.tablesFolder()));
    }

    @Override
    public Ruleset get() {
        return current.get();
    }

    /** Makes {@code next} the active ruleset and returns the one it replaced. */
    public Ruleset swap(Ruleset next) {
        return current.getAndSet(next);
    }
}
