/** Who may do what: API keys (configured or created by admins, stored hashed) mapped to the roles decider, analyst, approver, auditor and admin. */
package io.handoff.security;
