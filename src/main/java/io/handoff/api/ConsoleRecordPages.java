package io.handoff.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;
import io.handoff.audit.VerifyReport;
import io.handoff.orchestration.Orchestrator;
import io.handoff.orchestration.Records;
import io.handoff.ruleset.RulesetArchive;
import io.handoff.telemetry.DashboardLinks;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auditor's pages: the decision search, one page per audit record fitting its kind (a decision with its trace, a
 * rejected contract with its violations and their pointers, a step or change with its facts), and chain verification.
 */
@Controller
@Hidden
@RequestMapping("/console")
class ConsoleRecordPages implements ConsolePage {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AuditLog log;
    private final Orchestrator orchestrator;
    private final TableRows tableRows;
    private final DashboardLinks links;

    ConsoleRecordPages(AuditLog log, Orchestrator orchestrator, RulesetArchive archive, DashboardLinks links) {
        this.log = log;
        this.links = links;
        this.orchestrator = orchestrator;
        this.tableRows = new TableRows(archive);
    }

    @GetMapping("/decisions")
    String decisions(@RequestParam Map<String, String> params, Model model, Authentication who) {
        Map<String, String> filters = new LinkedHashMap<>(params);
        filters.values().removeIf(String::isBlank);
        AuditQuery query = AuditQueryParameters.parse(filters);
        int limit = AuditQueryParameters.limit(filters);
        List<AuditRecord> records = log.summaries(query, limit + 1);
        List<DecisionSummary> items = records.stream().limit(limit).map(DecisionSummary::of).toList();
        Map<String, String> exportFilters = new LinkedHashMap<>(filters);
        exportFilters.remove("cursor");
        exportFilters.remove("limit");
        model.addAttribute("filters", filters);
        model.addAttribute("kinds", AuditQueryParameters.KINDS);
        model.addAttribute("items", items);
        model.addAttribute("next", records.size() > limit ? link("/console/decisions", filters, "cursor",
                String.valueOf(items.get(items.size() - 1).seq())) : null);
        model.addAttribute("exportNdjson", link("/api/v1/decisions/export", exportFilters, "format", "ndjson"));
        model.addAttribute("exportCsv", link("/api/v1/decisions/export", exportFilters, "format", "csv"));
        return page(model, who, "decisions", "decisions", "Decisions");
    }

    /** One entry of the trace as the page shows it: the fired rule, what it did, and where it is written. */
    record TraceView(int seq, String ruleId, String reason, List<String> did, String file, String sheet, Integer row,
                     Integer line, List<TableRows.Cell> cells) {
    }

    /** A contract violation as the rejected-contract page lists it. */
    record ViolationView(String pointer, String code, String message) {
    }

    /** Every record kind has a page; the decisions search links here, so the old address answers the same page. */
    @GetMapping({"/records/{recordId}", "/decisions/{recordId}"})
    String record(@PathVariable String recordId, Model model, Authentication who) {
        AuditRecord record = log.find(recordId)
                .orElseThrow(() -> new NotFoundException("unknown-record", "No audit record has the id " + recordId + "."));
        JsonNode body = record.record();
        VerifyReport check = log.verify(record.seq(), record.seq());
        model.addAttribute("record", record);
        model.addAttribute("check", check);
        model.addAttribute("bodyJson", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        String shortId = recordId.length() > 8 ? recordId.substring(0, 8) : recordId;
        return switch (record.kind()) {
            case AuditEntry.DECISION -> decision(record, body, model, who, shortId);
            case AuditEntry.REJECTION -> rejection(body, model, who, shortId);
            default -> {
                model.addAttribute("heading", RecordFacts.heading(record.kind()));
                model.addAttribute("facts", RecordFacts.of(record, ConsoleRoles.of(who)));
                yield page(model, who, "record", "decisions", RecordFacts.heading(record.kind()) + " " + shortId);
            }
        };
    }

    private String decision(AuditRecord record, JsonNode body, Model model, Authentication who, String shortId) {
        JsonNode decision = body.path("decision");
        List<TraceView> trace = trace(decision, record.rulesetVersion(), tableRows);
        model.addAttribute("decision", decision);
        String traceId = body.path("traceId").asString(null);
        model.addAttribute("traceId", traceId);
        model.addAttribute("traceLink", links.link(traceId, record.contractId(), record.decisionId()).orElse(null));
        model.addAttribute("contractJson", pretty(body.path("contract")));
        model.addAttribute("masked", body.path("maskedPointers").valueStream().map(JsonNode::asString).toList());
        model.addAttribute("trace", trace);
        Map<String, Records.Approval> approvalState = new LinkedHashMap<>();
        orchestrator.approvalsOfDecision(record.decisionId()).forEach(a -> approvalState.put(a.gateId(), a));
        model.addAttribute("approvalState", approvalState);
        return page(model, who, "decision", "decisions", "Decision " + shortId);
    }

    /** A decision's trace as the pages show it: each fired rule with where it is written and, for a table row, its cells. */
    static List<TraceView> trace(JsonNode decision, String version, TableRows tableRows) {
        List<TraceView> trace = new ArrayList<>();
        for (JsonNode t : decision.path("trace")) {
            JsonNode source = t.path("source");
            String file = source.path("file").asString(null);
            String sheet = source.path("sheet").asString(null);
            Integer row = source.path("row").isNumber() ? source.get("row").asInt() : null;
            Integer line = source.path("line").isNumber() ? source.get("line").asInt() : null;
            List<String> did = t.path("did").valueStream().map(JsonNode::asString).toList();
            trace.add(new TraceView(t.path("seq").asInt(), t.path("ruleId").asString(), t.path("reason").asString(null), did,
                    file, sheet, row, line, row == null || file == null || sheet == null ? List.of()
                            : tableRows.cells(version, file, sheet, row)));
        }
        return trace;
    }

    private String rejection(JsonNode body, Model model, Authentication who, String shortId) {
        List<ViolationView> violations = new ArrayList<>();
        for (JsonNode v : body.path("violations")) {
            violations.add(new ViolationView(v.path("pointer").asString(""), v.path("code").asString(""),
                    v.path("message").asString("")));
        }
        model.addAttribute("violations", violations);
        model.addAttribute("contractJson", pretty(body.path("contract")));
        model.addAttribute("masked", body.path("maskedPointers").valueStream().map(JsonNode::asString).toList());
        return page(model, who, "rejection", "decisions", "Rejected contract " + shortId);
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to, Model model,
                 Authentication who) {
        long head = log.summaries(AuditQuery.all().ofKind(AuditQuery.ALL_KINDS), 1).stream().mapToLong(AuditRecord::seq).findFirst().orElse(0);
        model.addAttribute("head", head);
        model.addAttribute("from", from == null ? 1 : from);
        model.addAttribute("to", to == null ? head : to);
        model.addAttribute("checkpoints", log.checkpoints());
        return page(model, who, "audit", "audit", "Audit integrity");
    }

    private static String pretty(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static String link(String path, Map<String, String> params, String key, String value) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
        params.forEach((k, v) -> {
            if (!k.equals(key)) {
                builder.queryParam(k, v);
            }
        });
        return builder.queryParam(key, value).encode().build().toUriString();
    }
}
