package io.handoff.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * How far a contract's {@code asOf} may lie from the moment the service received it: at most {@code maxFutureSkew}
 * ahead ({@code asof-in-future}) and at most {@code maxAge} behind ({@code asof-stale}: an earlier asOf leaves more SLA
 * minutes and more days to release, and turned an SLA-risk case from red to green). Applied at the HTTP edge only: a
 * replay, a case, a simulation or a redecision judges a contract without its receive time. The age check applies to
 * 1.1 contracts, and to 1.0 ones only with {@code maxAgeFor10} (1.0 senders were never told to send a fresh asOf).
 */
public record AsOfWindow(Duration maxFutureSkew, Duration maxAge, boolean maxAgeFor10) {
    public static final String ASOF_IN_FUTURE = "asof-in-future";
    public static final String ASOF_STALE = "asof-stale";
    /**
     * Five minutes of clock skew, fifteen of age, 1.0 exempt from the age check. Rules measure SLA minutes left, days to
     * release and the history windows from asOf, so every minute of age allowed is a minute a sender can buy: a day of age
     * let a backdated asOf turn a critical, paged case into a high one and a launch past its date green.
     */
    public static final AsOfWindow DEFAULT = new AsOfWindow(Duration.ofMinutes(5), Duration.ofMinutes(15), false);

    public AsOfWindow {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxFutureSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("max future skew must be >= 0 and max age > 0");
        }
    }

    /** The receive-time violations of a document that passed the schema, received at {@code receivedAt}. */
    public List<Violation> check(JsonNode document, Instant receivedAt) {
        List<Violation> violations = new ArrayList<>();
        Instant asOf = OffsetDateTime.parse(document.get("asOf").asString()).toInstant();
        if (asOf.isAfter(receivedAt.plus(maxFutureSkew))) {
            violations.add(new Violation("/asOf", ASOF_IN_FUTURE, "asOf " + document.get("asOf").asString()
                    + " lies more than " + maxFutureSkew + " after the time the service received the contract (" + receivedAt + ")"));
        }
        boolean ageApplies = maxAgeFor10 || !"1.0".equals(document.path("schemaVersion").asString());
        if (ageApplies && asOf.isBefore(receivedAt.minus(maxAge))) {
            violations.add(new Violation("/asOf", ASOF_STALE, "asOf " + document.get("asOf").asString() + " lies more than "
                    + maxAge + " before the time the service received the contract (" + receivedAt
                    + "): decide on what holds now, send the current time"));
        }
        return violations;
    }
}
