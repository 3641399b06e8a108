package io.handoff.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The searchable columns of a format-2 record, exactly as stored, which its hash covers ({@link ChainHash}):
 * {@code recorded_at} as microseconds since the epoch (what both databases keep of a timestamp), {@code fired_rules}
 * and {@code gates} as their stored id lists ({@code " A B "}).
 */
public record HashedColumns(String decisionId, String kind, String contractId, String domain, String handoffType,
                            String outcome, String posture, String rulesetVersion, String inputHash, long recordedAtMicros,
                            String firedRules, String gates) {

    /** The columns, in the order the hash takes them. */
    List<String> inHashOrder() {
        return Arrays.asList(decisionId, kind, contractId, domain, handoffType, outcome, posture, rulesetVersion, inputHash,
                Long.toString(recordedAtMicros), firedRules, gates);
    }

    /** The stored instant: truncated to microseconds, as both databases keep it. */
    static Instant stored(Instant recordedAt) {
        return recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    static long micros(Instant recordedAt) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, recordedAt);
    }

    /** ' A B C ': every id delimited by spaces on both sides, so {@code LIKE '% A %'} finds exactly A. */
    static String idList(List<String> ids) {
        return ids.isEmpty() ? " " : " " + String.join(" ", ids) + " ";
    }

    /** The ids of a stored list, in order. */
    static List<String> ids(String idList) {
        String trimmed = idList == null ? "" : idList.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split(" "));
    }
}
