package io.handoff.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * Records each firing in order and the facts its action inserts; halts the session past the firing cap (a
 * deterministic budget: it is part of the decision). {@code stop} is the time limit's signal, asked before each
 * firing: it ends the evaluation with no result at all, so a busy machine can never shape a decision.
 */
final class TraceListener extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private final Map<String, RuleLocation> locations;
    private final int maxFirings;
    private final List<FiredRule> fired = new ArrayList<>();
    private List<Object> current;
    private final BooleanSupplier stop;
    private boolean capped;

    TraceListener(Map<String, RuleLocation> locations, int maxFirings, BooleanSupplier stop) {
        this.locations = locations;
        this.maxFirings = maxFirings;
        this.stop = stop;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("evaluation stopped after " + fired.size() + " firings: past its time limit");
        }
        current = new ArrayList<>(2);
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        fired.add(new FiredRule(fired.size() + 1, rule.getName(), locations.get(rule.getName()),
                stringMetadata(rule.getMetaData()), current));
        current = null;
        if (fired.size() >= maxFirings) {
            capped = true;
            event.getKieRuntime().halt();
        }
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (current != null) {
            current.add(event.getObject());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // rules insert outcome facts; updates carry no evidence of their own
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // retractions are not part of the decision evidence
    }

    List<FiredRule> fired() {
        return fired;
    }

    boolean capped() {
        return capped;
    }

    private static Map<String, String> stringMetadata(Map<String, Object> metadata) {
        if (metadata.isEmpty()) {
            return Map.of();
        }
        Map<String, String> text = new java.util.TreeMap<>();
        metadata.forEach((key, value) -> text.put(key, unquote(String.valueOf(value))));
        return text;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
