package io.handoff.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.handoff.contract.HandoffContract;
import io.handoff.decision.HandoffHistory;
import io.handoff.decision.HistorySource;

/**
 * The handoff history (V26, table {@code handoff_history}): one row per handed-off contract, naming its ticket or work
 * item, its receiving team and its asOf, written with the handoff row in the decision's group commit; and the counts a
 * decision reads before its rules run, one statement of four indexed counts. Every window ends at the new contract's
 * asOf and starts 7 (ticket) or 30 (receiver) days before it; the clock is never read. The contract itself is left out
 * (its earlier decisions are the same handoff). Only committed decisions are seen: two decisions of one ticket in one
 * group commit do not count each other.
 * <p>
 * What a sender controls cannot hide history: the ticket's handoffs are every recorded one from 7 days before asOf on,
 * including those whose asOf is later than this contract's (a sender walking asOf back was counted zero); handoffs stated
 * at the very same instant are parallel (one ticket split between teams), not back and forth, and do not count; its
 * bounces count bounced handoffs, not reports (three reports of one bounce were three).
 * The values are recorded in the decision, so replay is unaffected by what is recorded later.
 */
public final class HistoryIndex implements HistorySource {
    static final Duration TICKET_WINDOW = Duration.ofDays(7);
    static final Duration RECEIVER_WINDOW = Duration.ofDays(30);
    static final String BOUNCED = "bounced-back";
    /** The receiver's rate is taken over its latest handoffs in the window, at most this many: the read's cost stays bounded. */
    static final int RECEIVER_SAMPLE = 1_000;
    /**
     * A ticket's part is bounded too: its handoffs in the window are counted up to this many, and its bounces among its
     * latest this-many handoffs. A real ticket has a handful; a sender posting thousands of handoffs of one ticket would
     * otherwise make every later decision of that ticket walk all of them (the rules ask for 2 or 3).
     */
    static final int TICKET_SAMPLE = 1_000;

    /**
     * One round trip, each count on a bounded index range: the ticket's rows by (work_key, as_of, contract_id), newest first
     * (V31); their bounces through
     * outcome_report's unique (contract_id, kind, occurred_at); the receiver's rows by (receiver_team, as_of, contract_id)
     * in one pass, each row saying itself when it was first bounced ({@code bounced_at}, V30: bounced before the
     * window's end is exactly "a bounced-back report before it", without a probe of outcome_report per row). The
     * receiver part costs one row per handoff the team received in the 30 days, so it is bounded to the latest
     * {@link #RECEIVER_SAMPLE} of them (a backward scan of the same index): see docs/benchmarks.md.
     */
    static final String COUNTS = "SELECT a.n, b.n, r.n, r.b FROM "
            + "(SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM handoff_history WHERE work_key = ? AND as_of >= ? AND as_of <> ? "
            + "AND contract_id <> ? LIMIT " + TICKET_SAMPLE + ") t) a, "
            + "(SELECT COUNT(DISTINCT t.contract_id) AS n FROM (SELECT contract_id FROM handoff_history WHERE work_key = ? "
            + "ORDER BY work_key, as_of DESC, contract_id DESC LIMIT " + TICKET_SAMPLE + ") t JOIN outcome_report o ON o.contract_id = t.contract_id "
            + "WHERE o.kind = '" + BOUNCED + "' AND o.occurred_at >= ? AND o.occurred_at < ?) b, "
            + "(SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN t.bounced_at < ? THEN 1 ELSE 0 END), 0) AS b "
            + "FROM (SELECT bounced_at FROM handoff_history WHERE receiver_team = ? AND as_of >= ? AND as_of < ? AND contract_id <> ? "
            + "ORDER BY receiver_team, as_of DESC, contract_id DESC LIMIT " + RECEIVER_SAMPLE + ") t) r";

    private final JdbcTemplate jdbc;

    HistoryIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ticket's key across contracts: its domain and its ticket id (support) or work item id (product). */
    static String workKey(HandoffContract contract) {
        String ticket = HandoffHistory.ticketOf(contract);
        return ticket == null ? null : contract.domain() + ":" + ticket;
    }

    @Override
    public HandoffHistory read(HandoffContract contract) {
        Instant asOf = contract.asOf().toInstant();
        var end = HandoffStore.ts(asOf);
        var ticketFrom = HandoffStore.ts(asOf.minus(TICKET_WINDOW));
        var receiverFrom = HandoffStore.ts(asOf.minus(RECEIVER_WINDOW));
        String key = workKey(contract);
        String receiver = contract.to().team();
        String id = contract.contractId();
        return jdbc.queryForObject(COUNTS, (rs, n) -> HandoffHistory.of(HandoffHistory.ticketOf(contract), rs.getInt(1), rs.getInt(2),
                        receiver, rs.getInt(3), rs.getInt(4)),
                key, ticketFrom, end, id, key, ticketFrom, end, end, receiver, receiverFrom, end, id);
    }

    /**
     * The batch's handoffs, in its transaction: a contract's row is replaced by its latest decision's (a revision may
     * change its asOf or receiver). Two statements per batch.
     */
    void record(List<Orchestrator.Opening> batch) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        for (Orchestrator.Opening opening : batch) {
            HandoffContract contract = opening.contract();
            String key = contract == null ? null : workKey(contract);
            if (key != null) {
                rows.put(contract.contractId(), new Object[] {contract.contractId(), key, contract.to().team(),
                        HandoffStore.ts(contract.asOf().toInstant()), opening.decision().decisionId()});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = HandoffStore.plannedEachTime(connection.prepareStatement(
                    "DELETE FROM handoff_history WHERE contract_id = ANY(?)"));
            statement.setArray(1, connection.createArrayOf("VARCHAR", rows.keySet().toArray()));
            return statement;
        });
        // a revision rewrites the row: when the handoff was first bounced is carried over from its reports
        jdbc.batchUpdate("INSERT INTO handoff_history (contract_id, work_key, receiver_team, as_of, decision_id, bounced_at) "
                        + "VALUES (?,?,?,?,?, (SELECT MIN(o.occurred_at) FROM outcome_report o WHERE o.contract_id = ? AND o.kind = '"
                        + BOUNCED + "'))",
                rows.values().stream().map(row -> new Object[] {row[0], row[1], row[2], row[3], row[4], row[0]}).toList());
    }

    /**
     * A bounced-back report of {@code contractId} at {@code occurredAt}, in the transaction that records it: the handoff's
     * row keeps the earliest such time. Other kinds of report change nothing here.
     */
    static void reported(JdbcTemplate jdbc, String contractId, String kind, Instant occurredAt) {
        if (BOUNCED.equals(kind)) {
            var at = HandoffStore.ts(occurredAt);
            jdbc.update("UPDATE handoff_history SET bounced_at = ? WHERE contract_id = ? AND (bounced_at IS NULL OR bounced_at > ?)",
                    at, contractId, at);
        }
    }
}
