package io.handoff.decision;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.handoff.contract.HandoffContract;
import io.handoff.rulemodel.TicketHistory;
import tools.jackson.databind.JsonNode;

/**
 * What the service's own records said about a contract's ticket (or work item) and its receiving team when the decision
 * was made, counted in windows that end at the contract's {@code asOf} (never the clock): the facts the rules saw as
 * {@link TicketHistory}, recorded in the decision as {@code history}. Replay and re-decision read them back from the
 * record instead of counting again, so a decision stays a function of (contract, ruleset version, recorded history).
 * {@code ticket}: the ticket id or work item id; {@code receiver}: the contract's {@code to.team}.
 */
@JsonPropertyOrder({"ticket", "handoffsOfTicketIn7Days", "bouncesOfTicketIn7Days", "receiver", "receiverHandoffs30Days",
        "receiverBounces30Days", "receiverBounceRate30Days"})
public record HandoffHistory(String ticket, int handoffsOfTicketIn7Days, int bouncesOfTicketIn7Days, String receiver,
                             int receiverHandoffs30Days, int receiverBounces30Days, double receiverBounceRate30Days) {
    public HandoffHistory {
        Objects.requireNonNull(receiver, "receiver");
        if (handoffsOfTicketIn7Days < 0 || bouncesOfTicketIn7Days < 0 || receiverHandoffs30Days < 0 || receiverBounces30Days < 0
                || receiverBounces30Days > receiverHandoffs30Days) {
            throw new IllegalArgumentException("history counts must be non-negative, bounces at most handoffs");
        }
    }

    /** Counts as read from the records; the rate to four decimals, 0 when the receiver had no handoffs. */
    public static HandoffHistory of(String ticket, int handoffsOfTicket, int bouncesOfTicket, String receiver,
                                    int receiverHandoffs, int receiverBounces) {
        double rate = receiverHandoffs == 0 ? 0 : Math.round(10_000.0 * receiverBounces / receiverHandoffs) / 10_000.0;
        return new HandoffHistory(ticket, handoffsOfTicket, bouncesOfTicket, receiver, receiverHandoffs, receiverBounces, rate);
    }

    /** The ticket id of a support case, the work item id of product work; null when the contract carries neither. */
    public static String ticketOf(HandoffContract contract) {
        if (contract.supportCase() != null) {
            return contract.supportCase().ticketId();
        }
        return contract.workItem() == null ? null : contract.workItem().id();
    }

    /** The history a recorded decision (its JSON) was made with; null when it was made without (recorded before, or a case). */
    public static HandoffHistory recorded(JsonNode decision) {
        JsonNode history = decision == null ? null : decision.get("history");
        return history == null || history.isNull() ? null : DecisionJson.MAPPER.treeToValue(history, HandoffHistory.class);
    }

    /** The fact the rules see: all zeros for no history. */
    static TicketHistory fact(HandoffHistory history) {
        return history == null ? new TicketHistory(0, 0, 0, 0, 0)
                : new TicketHistory(history.handoffsOfTicketIn7Days, history.bouncesOfTicketIn7Days,
                        history.receiverHandoffs30Days, history.receiverBounces30Days, history.receiverBounceRate30Days);
    }
}
