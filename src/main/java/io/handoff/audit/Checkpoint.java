package io.handoff.audit;

import java.time.Instant;

/**
 * A range of the chain removed by retention: records {@code firstSeq..lastSeq} are gone, but the record
 * before them hashed to {@code prevHash} and the last of them to {@code lastHash}, so the chain still links.
 */
public record Checkpoint(long firstSeq, long lastSeq, String prevHash, String lastHash, long removed, String reason,
                         Instant createdAt) {
}
