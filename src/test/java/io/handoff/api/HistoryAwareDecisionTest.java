package io.handoff.api;

import static io.handoff.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * History-aware facts over real HTTP: the service counts a ticket's handoffs and bounces and its receiver's bounce rate
 * from its own records, in windows ending at the contract's asOf, and records what the rules saw; replay gives the rules
 * the recorded values, so it stays identical after the records moved on. Every test uses its own ticket and receiving
 * team: the shared service holds other tests' records.
 */
@ServiceTest
class HistoryAwareDecisionTest {
    private static final Instant MONDAY = Instant.parse("2026-06-01T09:00:00Z");

    @LocalServerPort
    int port;

    @Test
    void aTicketHandedOffThreeTimesInAWeekIsPingPongWhateverTheContractSaysAndItsReplayIsIdentical() throws Exception {
        String ticket = unique("T");
        String receiver = unique("tier2");
        List<JsonNode> first = List.of(
                decide(contract(ticket, receiver, MONDAY)),
                decide(contract(ticket, receiver, MONDAY.plus(Duration.ofDays(2)))),
                decide(contract(ticket, receiver, MONDAY.plus(Duration.ofDays(4)))));
        assertThat(first).extracting(d -> d.at("/history/handoffsOfTicketIn7Days").asInt()).containsExactly(0, 1, 2);
        assertThat(first).allSatisfy(d -> assertThat(firedRules(d)).doesNotContain("GUARD-REL-010", "GUARD-REL-011"));

        JsonNode fourth = decide(contract(ticket, receiver, MONDAY.plus(Duration.ofDays(5))));
        assertThat(fourth.at("/history/handoffsOfTicketIn7Days").asInt()).isEqualTo(3);
        assertThat(fourth.at("/history/ticket").asString()).isEqualTo(ticket);
        assertThat(firedRules(fourth)).contains("GUARD-REL-011").doesNotContain("GUARD-REL-010");
        assertThat(fourth.get("outcome").asString()).isEqualTo("escalate");
        assertThat(fourth.get("posture").asString()).isEqualTo("critical");
        assertThat(fourth.at("/guardrails/0/message").asString()).contains("3 times", "declares 0");
        String id = fourth.get("decisionId").asString();
        JsonNode record = json(api().send("auditor", "GET", "/api/v1/decisions/" + id, null), 200);
        assertThat(record.at("/record/decision/history")).isEqualTo(fourth.get("history"));

        // the records move on: another handoff of the ticket inside the fourth's window; a re-count would now say 4
        JsonNode late = decide(contract(ticket, receiver, MONDAY.plus(Duration.ofDays(4)).plus(Duration.ofHours(12))));
        // the fourth's asOf is after this one's, but it was recorded first: a sender walking asOf back hides nothing
        assertThat(late.at("/history/handoffsOfTicketIn7Days").asInt()).isEqualTo(4);
        JsonNode replay = json(api().send("auditor", "POST", "/api/v1/decisions/" + id + "/replay", null), 200);
        assertThat(replay.get("status").asString()).as(replay.toString()).isEqualTo("identical");
        assertThat(replay.get("differences").size()).isZero();
    }

    @Test
    void otherHandoffsOfTheTicketCountFromSevenDaysBeforeAsOnWhateverTheirOwnAsOf() throws Exception {
        String ticket = unique("T");
        String receiver = unique("tier2");
        Instant asOf = MONDAY.plus(Duration.ofDays(10));
        decide(contract(ticket, receiver, asOf.minus(Duration.ofDays(7)).minusMillis(1))); // just outside
        decide(contract(ticket, receiver, asOf.minus(Duration.ofDays(7)))); // the window's first instant
        decide(contract(ticket, receiver, asOf.minus(Duration.ofHours(1))));
        decide(contract(ticket, receiver, asOf.plus(Duration.ofHours(1)))); // recorded earlier, after asOf: counts
        decide(contract(unique("T"), receiver, asOf.minus(Duration.ofDays(1)))); // another ticket
        ObjectNode contract = contract(ticket, receiver, asOf);
        JsonNode decided = decide(contract);
        assertThat(decided.at("/history/handoffsOfTicketIn7Days").asInt()).isEqualTo(3);
        assertThat(firedRules(decided)).contains("GUARD-REL-011");

        // the same contract revised is the same handoff: it never counts itself
        ((ObjectNode) contract.get("package")).put("summary", "Export to CSV never completes; spinner forever since 4.2.");
        JsonNode revised = decide(contract);
        assertThat(revised.get("supersedes").asString()).isEqualTo(decided.get("decisionId").asString());
        assertThat(revised.at("/history/handoffsOfTicketIn7Days").asInt()).isEqualTo(3);
    }

    @Test
    void theReceiversBounceRateAndTheTicketsBouncesComeFromBouncedBackOutcomesBeforeAsOf() throws Exception {
        String ticket = unique("T");
        String receiver = unique("tier2");
        Instant asOf = MONDAY.plus(Duration.ofDays(40));
        for (int i = 0; i < 10; i++) {
            boolean ours = i < 2; // two of the receiver's handoffs carried this ticket
            ObjectNode earlier = contract(ours ? ticket : unique("T"), receiver, asOf.minus(Duration.ofDays(ours ? 3 + i : 5 + 2 * i)));
            decide(earlier);
            String contractId = earlier.get("contractId").asString();
            if (i < 4) { // bounced before asOf
                bounce(contractId, asOf.minus(Duration.ofDays(ours ? 1 : 2)).plusSeconds(i));
            } else if (i == 4) { // bounced after asOf: not known at asOf
                bounce(contractId, asOf.plus(Duration.ofHours(2)));
            }
        }
        decide(contract(unique("T"), receiver, asOf.minus(Duration.ofDays(31)))); // before the receiver's window

        JsonNode decided = decide(contract(ticket, receiver, asOf));
        JsonNode history = decided.get("history");
        assertThat(history.get("receiver").asString()).isEqualTo(receiver);
        assertThat(history.get("receiverHandoffs30Days").asInt()).isEqualTo(10);
        assertThat(history.get("receiverBounces30Days").asInt()).isEqualTo(4);
        assertThat(history.get("receiverBounceRate30Days").asDouble()).isEqualTo(0.4);
        assertThat(history.get("bouncesOfTicketIn7Days").asInt()).isEqualTo(2);
        assertThat(history.get("handoffsOfTicketIn7Days").asInt()).isEqualTo(2);
        assertThat(firedRules(decided)).contains("GUARD-REL-012", "GUARD-REL-013");
        assertThat(decided.get("posture").asString()).isEqualTo("red");

        JsonNode replay = json(api().send("auditor", "POST", "/api/v1/decisions/" + decided.get("decisionId").asString()
                + "/replay", null), 200);
        assertThat(replay.get("status").asString()).as(replay.toString()).isEqualTo("identical");
    }

    private TestApi api() {
        return new TestApi(port);
    }

    private JsonNode decide(ObjectNode contract) throws Exception {
        return json(api().send("decider", "POST", "/api/v1/decisions", contract.toString()), 200);
    }

    private void bounce(String contractId, Instant at) throws Exception {
        ObjectNode report = ContractFixtures.JSON.createObjectNode().put("contractId", contractId).put("kind", "bounced-back")
                .put("occurredAt", at.toString()).put("note", "missing logs");
        assertThat(api().send("decider", "POST", "/api/v1/outcomes", report.toString()).statusCode()).isIn(200, 201);
    }

    /** The fixture as a new handoff of {@code ticket} to {@code receiver}, as of {@code asOf}, declaring no earlier handoff. */
    private static ObjectNode contract(String ticket, String receiver, Instant asOf) {
        ObjectNode contract = (ObjectNode) ContractFixtures.JSON.readTree(ContractFixtures.resource("/api/history/tier1-to-tier2.json"));
        contract.put("contractId", unique("HIST"));
        contract.put("asOf", asOf.toString());
        ((ObjectNode) contract.get("to")).put("team", receiver);
        ObjectNode supportCase = (ObjectNode) contract.get("case");
        supportCase.put("ticketId", ticket);
        supportCase.put("handoffCount", 0);
        ((ObjectNode) supportCase.get("sla")).put("firstResponseDue", asOf.plus(Duration.ofHours(6)).toString())
                .put("resolutionDue", asOf.plus(Duration.ofDays(1)).toString());
        return contract;
    }

    private static List<String> firedRules(JsonNode decision) {
        return decision.get("trace").valueStream().map(t -> t.get("ruleId").asString()).toList();
    }

    private static String unique(String prefix) {
        return prefix.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
