/** Telemetry that links: the dashboard link template, bounded metric labels, and the trace id a request runs under. */
package io.handoff.telemetry;
