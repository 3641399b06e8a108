package io.handoff.rulemodel;

import java.util.Collection;
import java.util.List;

/** The ordered posture scale green &lt; amber &lt; red &lt; critical, for rules that combine postures. */
public final class Postures {
    public static final List<String> ORDER = List.of("green", "amber", "red", "critical");

    private Postures() {
    }

    public static String require(String posture) {
        if (!ORDER.contains(posture)) {
            throw new IllegalArgumentException("unknown posture '" + posture + "', expected one of " + ORDER);
        }
        return posture;
    }

    /** The worst of a band posture and any number of floors (nulls ignored). */
    @Callable
    public static String worst(String band, Collection<?> floors) {
        int worst = ORDER.indexOf(require(band));
        for (Object floor : floors) {
            if (floor != null) {
                worst = Math.max(worst, ORDER.indexOf(require(floor.toString())));
            }
        }
        return ORDER.get(worst);
    }
}
