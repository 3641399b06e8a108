package io.handoff.telemetry;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * The W3C trace id the current request runs under: the caller's, when it sent a {@code traceparent}, else the one the
 * server observation started for it. Null outside a trace (tools, tests without tracing).
 */
public final class CurrentTrace {
    private final Tracer tracer;

    public CurrentTrace(Tracer tracer) {
        this.tracer = tracer == null ? Tracer.NOOP : tracer;
    }

    public String traceId() {
        Span span = tracer.currentSpan();
        return span == null ? null : span.context().traceId();
    }
}
