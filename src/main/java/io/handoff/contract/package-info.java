/** The handoff contract: its JSON Schema, the records it maps to, and validation into violations with JSON pointers. */
package io.handoff.contract;
