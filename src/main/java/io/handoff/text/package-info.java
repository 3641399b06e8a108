/** Text helpers every feature may use: pair-safe cuts. Depends on nothing else of the service. */
package io.handoff.text;
