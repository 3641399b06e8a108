package io.handoff.orchestration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.ShippedRuleset;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditProperties;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.Decision;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** For tests of what decisions open: a small audit log, an orchestrator on it, and shipped cases decided under a contract id. */
final class TestOpenings {
    private TestOpenings() {
    }

    static AuditLog auditLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new AuditLog(jdbc, transactions, new AuditProperties(true, List.of(), 16, 64, Duration.ofSeconds(5),
                Duration.ofHours(1), Map.of()));
    }

    static Orchestrator orchestrator(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog log) {
        return new Orchestrator(jdbc, transactions, log, Clock.systemUTC(), new OrchestrationProperties(Map.of(), "rules/metrics.yaml"));
    }

    /** The contract of a shipped case (rules/cases), under {@code contractId}, decided on the shipped ruleset and enforced. */
    static Orchestrator.Opening opening(String caseFile, String contractId) throws Exception {
        ObjectNode contract = (ObjectNode) YAMLMapper.builder().build()
                .readTree(Files.readString(Path.of("rules/cases/" + caseFile))).get("contract");
        contract.put("contractId", contractId);
        ContractValidator.Validated validated = new ContractValidator().read(contract.toString().getBytes(StandardCharsets.UTF_8));
        Decision decision = ShippedRuleset.service().decide(UUID.randomUUID().toString(), validated,
                ShippedRuleset.ruleset());
        return new Orchestrator.Opening(decision, validated.contract(), true);
    }
}
