package io.handoff.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The signed checkpoints a walk of the chain must reach: those whose signature verifies against a trusted key, by
 * seq. A walk calls {@link #check} with every record's hash; a record at a checkpoint's seq must hash to what was
 * signed, or history was rewritten and re-chained since. Checkpoints that do not verify are problems of their own
 * and anchor nothing.
 */
final class Anchors {
    private final NavigableMap<Long, List<SignedCheckpoint>> valid = new TreeMap<>();
    private final List<VerifyReport.Problem> problems = new ArrayList<>();
    private long lastReached;
    private long reached;

    /** What a re-chained problem adds about the checkpoint it failed against (where it came from); empty for nothing. */
    private final java.util.function.Function<SignedCheckpoint, String> provenance;

    Anchors(List<SignedCheckpoint> checkpoints, Map<String, PublicKey> trusted) {
        this(checkpoints, trusted, c -> "");
    }

    Anchors(List<SignedCheckpoint> checkpoints, Map<String, PublicKey> trusted,
            java.util.function.Function<SignedCheckpoint, String> provenance) {
        this.provenance = provenance;
        for (SignedCheckpoint c : new LinkedHashSet<>(checkpoints)) {
            PublicKey key = trusted.get(c.keyId());
            if (key == null) {
                problems.add(new VerifyReport.Problem(c.seq(), null, VerifyReport.Problem.UNKNOWN_KEY, "signed checkpoint seq "
                        + c.seq() + " names key " + c.keyId() + ", which is not a trusted public key"));
            } else if (!CheckpointSigner.verifies(c, key)) {
                problems.add(new VerifyReport.Problem(c.seq(), null, VerifyReport.Problem.SIGNATURE, "signed checkpoint seq "
                        + c.seq() + ": the signature does not verify against public key " + c.keyId()));
            } else {
                valid.computeIfAbsent(c.seq(), s -> new ArrayList<>()).add(c);
            }
        }
    }

    /** A walk starting at {@code seq} takes the checkpoints before it as reached (a range verify says so). */
    void startAt(long seq) {
        Long before = valid.floorKey(seq - 1);
        lastReached = before == null ? 0 : before;
    }

    /** Null when the record at {@code seq} is what every checkpoint of that seq signed (or none exists). */
    VerifyReport.Problem check(long seq, String hash, String decisionId) {
        List<SignedCheckpoint> signed = valid.get(seq);
        if (signed == null) {
            return null;
        }
        for (SignedCheckpoint c : signed) {
            if (!c.hash().equals(hash)) {
                String after = lastReached == 0 ? "re-chained before signed checkpoint seq " + seq
                        : "re-chained after signed checkpoint seq " + lastReached;
                return new VerifyReport.Problem(seq, decisionId, VerifyReport.Problem.RE_CHAINED, after + ": record " + seq
                        + " hashes to " + hash.substring(0, 12) + "…, not to the " + c.hash().substring(0, 12) + "… signed at "
                        + c.signedAt() + "; a record in " + (lastReached + 1) + ".." + seq
                        + " was rewritten and the hashes after it recomputed" + provenance.apply(c));
            }
        }
        lastReached = seq;
        reached++;
        return null;
    }

    /** Checkpoints past the chain's last record: the records they signed are gone. */
    List<VerifyReport.Problem> beyond(long lastSeq) {
        return valid.tailMap(lastSeq, false).keySet().stream().map(seq -> new VerifyReport.Problem(seq, null,
                VerifyReport.Problem.BEYOND, "signed checkpoint seq " + seq + " is beyond the chain's last record (seq "
                        + lastSeq + "): records it covered were removed")).toList();
    }

    List<VerifyReport.Problem> problems() {
        return List.copyOf(problems);
    }

    boolean has(long seq) {
        return valid.containsKey(seq);
    }

    long reached() {
        return reached;
    }
}
