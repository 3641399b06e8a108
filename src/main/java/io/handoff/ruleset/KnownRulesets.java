package io.handoff.ruleset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;

/**
 * Compiled rulesets this instance holds, by version: the ones it compiled itself, and versions another
 * instance submitted or activated, compiled here from the sources in the archive (content-addressed, so the
 * version computed from them is the version asked for, or the earlier name of the same files). Keeps the most recently used few.
 */
final class KnownRulesets {
    private static final int KEEP = 8;

    private final RulesetArchive archive;
    private final RulesetCompiler compiler;
    private final Map<String, Ruleset> byVersion = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
            return size() > KEEP;
        }
    };

    KnownRulesets(RulesetArchive archive, RulesetCompiler compiler) {
        this.archive = archive;
        this.compiler = compiler;
    }

    synchronized void remember(Ruleset ruleset) {
        byVersion.put(ruleset.version(), ruleset);
    }

    synchronized Optional<Ruleset> cached(String version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    /** The compiled version, compiling it from the archive if this instance has not seen it (seconds, off any lock). */
    Ruleset get(String version) {
        Optional<Ruleset> known = cached(version);
        if (known.isPresent()) {
            return known.get();
        }
        // recompile checks that the archived files carry that version (or the name older data gave them)
        Ruleset compiled = compiler.recompile(version, archive.load(version).orElseThrow(() -> new LifecycleException(
                "unknown-version", "version " + version + " is not in the ruleset archive")));
        remember(compiled);
        return compiled;
    }
}
