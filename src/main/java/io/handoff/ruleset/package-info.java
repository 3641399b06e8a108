/** Ruleset versions: loading the configured folders, the active version, and running cases against a version. */
package io.handoff.ruleset;
