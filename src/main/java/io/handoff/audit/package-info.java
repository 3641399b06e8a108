/** The durable, append-only decision log: group-committed writes, the hash chain, queries, export, verification and retention. */
package io.handoff.audit;
