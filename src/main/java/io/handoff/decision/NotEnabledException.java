package io.handoff.decision;

/** The capability is switched off for the contract's domain and sending team; no decision is made. */
public class NotEnabledException extends RuntimeException {
    private final String domain;
    private final String team;

    public NotEnabledException(String domain, String team, String message) {
        super(message);
        this.domain = domain;
        this.team = team;
    }

    public String domain() {
        return domain;
    }

    public String team() {
        return team;
    }
}
