package io.handoff.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditRecord;
import io.handoff.contract.ContractValidator;
import io.handoff.contract.HandoffContract;
import io.handoff.contract.Violation;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Re-evaluates a recorded decision from its recorded (masked) input on its recorded ruleset version. */
public final class ReplayService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AuditLog log;
    private final ArchivedSources archive;
    private final DecisionService decisions;
    private final Supplier<Ruleset> active;
    private final Map<String, Ruleset> compiled = new ConcurrentHashMap<>();

    public ReplayService(AuditLog log, ArchivedSources archive, DecisionService decisions, Supplier<Ruleset> active) {
        this.log = log;
        this.archive = archive;
        this.decisions = decisions;
        this.active = active;
    }

    /** Empty when no decision or rejected attempt has that id (steps after a decision are not replayed). */
    public Optional<ReplayResult> replay(String decisionId) {
        return log.find(decisionId)
                .filter(r -> AuditEntry.DECISION.equals(r.kind()) || AuditEntry.REJECTION.equals(r.kind()))
                .map(this::replay);
    }

    private ReplayResult replay(AuditRecord record) {
        JsonNode contract = UnreadableRecordException.contractOf(record);
        JsonNode body = record.record();
        List<ReplayResult.Difference> differences = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean masked = body.path("maskedPointers").size() > 0;
        if (masked) {
            notes.add("replayed from the masked contract; masked fields " + body.get("maskedPointers")
                    + " are not read by rules, inputHash is compared against the unmasked original and left out");
        }
        if (AuditEntry.REJECTION.equals(record.kind())) {
            List<Violation> now = decisions.validator().violations(contract);
            // a record with violationsOmitted kept its first violations and the count of the others (AuditEntries): compared
            // the same way; a record without it (older ones, or at most the kept number) holds them all
            int kept = body.has("violationsOmitted") ? body.path("violations").size() : Integer.MAX_VALUE;
            JsonDiff.diff("/violations", body.get("violations"), JSON.valueToTree(now.size() > kept ? now.subList(0, kept) : now), differences);
            if (now.size() > kept || body.has("violationsOmitted")) {
                JsonDiff.diff("/violationsOmitted", body.get("violationsOmitted"),
                        now.size() > kept ? JSON.getNodeFactory().numberNode(now.size() - kept) : null, differences);
            }
        } else {
            Ruleset ruleset = rulesetFor(record.rulesetVersion());
            ContractValidator validator = decisions.validator();
            ContractValidator.Validated validated = new ContractValidator.Validated(contract,
                    validator.mapper().treeToValue(contract, HandoffContract.class));
            // the history the rules saw is part of the recorded input: given back, never counted again
            Decision replayed = decisions.replay(record.decisionId(), validated, ruleset, record.recordedAt(),
                    HandoffHistory.recorded(body.get("decision")));
            ObjectNode recordedDecision = (ObjectNode) body.get("decision").deepCopy();
            ObjectNode replayedDecision = (ObjectNode) JSON.readTree(DecisionJson.write(replayed));
            // the rollout mode is the service's flag, not a rule output: replay compares what the rules decided
            recordedDecision.remove("rollout");
            replayedDecision.remove("rollout");
            // so is where the decision stands in its handoff's life (what it supersedes, a reopen)
            recordedDecision.remove(List.of("supersedes", "reopen"));
            if (masked) {
                recordedDecision.remove("inputHash");
                replayedDecision.remove("inputHash");
            }
            JsonDiff.diff("", recordedDecision, replayedDecision, differences);
            changes.addAll(DecisionDiff.between(DecisionJson.MAPPER.treeToValue(body.get("decision"), Decision.class), replayed));
        }
        return new ReplayResult(record.decisionId(), record.rulesetVersion(),
                differences.isEmpty() ? ReplayResult.IDENTICAL : ReplayResult.DIFFERENT, differences, changes, notes);
    }

    private Ruleset rulesetFor(String version) {
        Ruleset current = active.get();
        if (current.version().equals(version)) {
            return current;
        }
        // under the version it was recorded with, also for data archived before cases and cell values named versions
        return compiled.computeIfAbsent(version, v -> new RulesetCompiler().recompile(v, archive.load(v).orElseThrow(
                () -> new IllegalStateException("sources of ruleset version " + v + " were never archived"))));
    }
}
