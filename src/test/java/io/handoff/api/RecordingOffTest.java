package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code handoff.audit.recording=false} (benchmarks only) takes away the audit log and nothing else: a decision
 * leaves no record, and still opens its approvals and the handoff's state, so the benchmark's "not recording"
 * service does the same work as the recording one apart from the log.
 */
@ServiceTest
@TestPropertySource(properties = "handoff.audit.recording=false")
class RecordingOffTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDecisionLeavesNoRecordAndStillOpensItsApprovals() throws Exception {
        ObjectNode contract = ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json", "HC-NOREC-001");
        TestApi api = new TestApi(port);
        JsonNode decision = TestApi.json(api.send("decider", "POST", "/api/v1/decisions", contract.toString()), 200);
        assertThat(decision.get("outcome").asString()).isEqualTo("accept-pending-approval");

        TestApi.json(api.send("auditor", "GET", "/api/v1/decisions/" + decision.get("decisionId").asString(), null), 404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE kind = 'decision'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT seq FROM audit_head WHERE id = 1", Long.class)).isZero();

        JsonNode queue = TestApi.json(api.send("approver", "GET", "/api/v1/approvals?status=pending&role=incident-commander", null), 200);
        assertThat(queue.get("items").valueStream().filter(a -> a.get("contractId").asString().equals("HC-NOREC-001")).count())
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM handoff WHERE contract_id = 'HC-NOREC-001'", String.class))
                .isEqualTo("awaiting-approval");
    }
}
