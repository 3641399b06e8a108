/**
 * Notifications through an outbox: events (incidents, escalations, approval requests, automatic rollbacks, rejected
 * candidates) written in the transaction that makes them happen, delivered to configured webhooks, signed, retried,
 * dead-lettered. Depends on nothing else of the service; orchestration and ruleset write into it.
 */
package io.handoff.notify;
