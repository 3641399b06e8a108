package io.handoff.decision;

import java.util.List;
import java.util.Optional;

import io.handoff.engine.SourceFile;

/**
 * The exact sources of a ruleset version that once decided, for replay. Implemented by the ruleset archive, which
 * sits above this package: replay needs the sources, not the lifecycle that keeps them.
 */
public interface ArchivedSources {
    Optional<List<SourceFile>> load(String version);
}
