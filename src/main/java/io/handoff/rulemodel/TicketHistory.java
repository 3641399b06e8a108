package io.handoff.rulemodel;

/**
 * What the service's own records say about the ticket (or work item) and the receiving team, as of the contract's
 * {@code asOf}: counted before the rules run, recorded in the decision as {@code history}, and given back unchanged
 * when the decision is replayed. Always present beside the {@link Handoff}; all zeros when the service knows nothing
 * (a first handoff, a case without {@code history:}, simulate, try). Rules read it and never change it.
 */
public final class TicketHistory {
    private final int handoffsOfTicketIn7Days;
    private final int bouncesOfTicketIn7Days;
    private final int receiverHandoffs30Days;
    private final int receiverBounces30Days;
    private final double receiverBounceRate30Days;

    public TicketHistory(int handoffsOfTicketIn7Days, int bouncesOfTicketIn7Days, int receiverHandoffs30Days,
                         int receiverBounces30Days, double receiverBounceRate30Days) {
        this.handoffsOfTicketIn7Days = handoffsOfTicketIn7Days;
        this.bouncesOfTicketIn7Days = bouncesOfTicketIn7Days;
        this.receiverHandoffs30Days = receiverHandoffs30Days;
        this.receiverBounces30Days = receiverBounces30Days;
        this.receiverBounceRate30Days = receiverBounceRate30Days;
    }

    /** Other handoffs (contracts) of the same ticket or work item whose asOf lies in the 7 days before this asOf. */
    public int getHandoffsOfTicketIn7Days() {
        return handoffsOfTicketIn7Days;
    }

    /** Bounced-back outcome reports on the ticket's handoffs that occurred in the 7 days before this asOf. */
    public int getBouncesOfTicketIn7Days() {
        return bouncesOfTicketIn7Days;
    }

    /** Handoffs to the receiving team ({@code to.team}) whose asOf lies in the 30 days before this asOf: the sample size. */
    public int getReceiverHandoffs30Days() {
        return receiverHandoffs30Days;
    }

    /** Of those, how many were reported bounced back before this asOf. */
    public int getReceiverBounces30Days() {
        return receiverBounces30Days;
    }

    /** receiverBounces30Days / receiverHandoffs30Days, 0..1; 0 without handoffs (read it with the sample size). */
    public double getReceiverBounceRate30Days() {
        return receiverBounceRate30Days;
    }
}
