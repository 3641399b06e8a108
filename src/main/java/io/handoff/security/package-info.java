/** Who may do what: API keys (configured or created by admins, stored hashed) and token subjects, each one principal, mapped to the roles decider, analyst, approver, auditor, admin and delegate. */
package io.handoff.security;
