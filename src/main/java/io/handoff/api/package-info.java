/** Every HTTP controller and wire type, and the handler that turns failures into RFC 9457 problem details. */
package io.handoff.api;
