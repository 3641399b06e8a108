/** The analyst command line (validate, test, diff, simulate), on the same code as the service. */
package io.handoff.cli;
