package io.handoff.rulemodel;

/** The queue a routing row sends the handoff to. */
public final class Route implements Outcome {
    private final String queue;

    public Route(String queue) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("route queue must not be blank");
        }
        this.queue = queue;
    }

    public String getQueue() {
        return queue;
    }

    public boolean isEngineering() {
        return queue.startsWith("eng-");
    }

    @Override
    public String describe() {
        return "route to " + queue;
    }
}
