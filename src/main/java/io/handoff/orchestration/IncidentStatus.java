package io.handoff.orchestration;

/**
 * The closed set of an incident's status. The wire string is what the API returns and the {@code incident.status}
 * column holds; records and SQL keep the string, the step classes compare and transition through this enum.
 */
enum IncidentStatus {
    OPEN("open"),
    ACKNOWLEDGED("acknowledged"),
    RESOLVED("resolved");

    private final String wire;

    IncidentStatus(String wire) {
        this.wire = wire;
    }

    /** The string stored in the column and returned in JSON. */
    String wire() {
        return wire;
    }

    /** Whether a stored status string is this status; null or an unknown string is no status. */
    boolean is(String status) {
        return wire.equals(status);
    }

    /** The status a stored string names; an unknown string is a programming or data error. */
    static IncidentStatus of(String status) {
        for (IncidentStatus s : values()) {
            if (s.wire.equals(status)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown incident status: " + status);
    }
}
