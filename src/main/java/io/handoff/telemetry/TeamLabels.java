package io.handoff.telemetry;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code team} label of a metric, bounded: team names come from contracts, and every distinct label value is a new
 * time series. A team named in a rollout rule keeps its name; of the others, the first {@code max} seen since startup
 * keep theirs; every later one is {@code other}.
 */
public final class TeamLabels {
    public static final String OTHER = "other";
    private final Supplier<? extends Collection<String>> named;
    private final int max;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    /** {@code named}: the teams the rollout rules name, read on every call (a short list, re-read as rules change). */
    public TeamLabels(Supplier<? extends Collection<String>> named, int max) {
        this.named = named;
        this.max = max;
    }

    public String label(String team) {
        if (team == null || team.isEmpty()) {
            return OTHER;
        }
        if (admitted.contains(team) || named.get().contains(team)) {
            return team;
        }
        synchronized (admitted) {
            if (admitted.size() < max) {
                admitted.add(team);
                return team;
            }
        }
        return OTHER;
    }
}
