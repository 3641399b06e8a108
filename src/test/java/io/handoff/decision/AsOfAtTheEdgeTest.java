package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;
import io.handoff.contract.ContractValidator;
import io.handoff.contract.Violation;

/**
 * The asOf window judges what comes over the HTTP edge ({@link Submission#atEdge()}) against the receive time, and
 * nothing else: the same contract decided by a tool, a case or a replay is judged on its own asOf, as it was recorded.
 */
class AsOfAtTheEdgeTest {
    private static final Clock A_DAY_AND_A_MINUTE_LATER = Clock.fixed(Instant.parse("2026-12-07T17:31:00Z"), ZoneOffset.UTC);

    private final DecisionService service = new DecisionService(new ContractValidator(), ShippedRuleset::ruleset,
            A_DAY_AND_A_MINUTE_LATER);

    @Test
    void aStaleOnePointOneContractIsRefusedAtTheEdgeOnly() throws Exception {
        byte[] outage = Files.readAllBytes(Path.of("src/test/resources/contracts/cs-sev1-outage-1.1.json"));
        assertThatThrownBy(() -> service.decide(Submission.of(outage).atEdge()))
                .isInstanceOfSatisfying(RejectedContractException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer, Violation::code).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("/asOf", "asof-stale")));
        Decision offEdge = service.decide(Submission.of(outage)).decision();
        assertThat(offEdge.posture()).isEqualTo("green");
        assertThat(offEdge.urgency().level()).isEqualTo("critical");
        assertThat(offEdge.page().mode()).isEqualTo("parallel");
        assertThat(offEdge.page().target()).isEqualTo("eng-incident-response-on-call");
    }

    @Test
    void aOnePointZeroContractKeepsDecidingAtTheEdgeWhateverItsAge() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("src/test/resources/contracts/cs-enterprise-sev1-to-engineering.json"));
        Decision atEdge = service.decide(Submission.of(sample).atEdge()).decision();
        assertThat(atEdge.outcome()).isEqualTo("accept-pending-approval");
        assertThat(atEdge.posture()).isEqualTo("green");
    }
}
