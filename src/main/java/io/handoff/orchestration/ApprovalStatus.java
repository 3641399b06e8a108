package io.handoff.orchestration;

/**
 * The closed set of an approval's status. The wire string is what the API returns and the {@code approval.status}
 * column holds; records and SQL keep the string, the step classes compare and transition through this enum.
 */
enum ApprovalStatus {
    PENDING("pending"),
    APPROVED("approved"),
    REJECTED("rejected"),
    CANCELLED("cancelled"),
    SUPERSEDED("superseded");

    private final String wire;

    ApprovalStatus(String wire) {
        this.wire = wire;
    }

    /** The string stored in the column and returned in JSON. */
    String wire() {
        return wire;
    }

    /** Whether a stored status string is this status; null or an unknown string is no status (as the string compare was). */
    boolean is(String status) {
        return wire.equals(status);
    }

    /** The status a stored string names; an unknown string is a programming or data error. */
    static ApprovalStatus of(String status) {
        for (ApprovalStatus s : values()) {
            if (s.wire.equals(status)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown approval status: " + status);
    }
}
