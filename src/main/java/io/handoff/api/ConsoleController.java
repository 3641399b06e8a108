package io.handoff.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;
import io.handoff.orchestration.FollowUps;
import io.handoff.orchestration.Orchestrator;
import io.handoff.orchestration.Records;
import io.handoff.orchestration.Scorecard;
import io.handoff.ruleset.RulesetArchive;
import io.handoff.ruleset.RulesetLifecycle;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web console: server-rendered pages for auditors, analysts and approvers, behind the same roles as the API.
 * Pages read through the same services as the API; their buttons (replay, verify, promote, approve) call the
 * API itself with the console session and its CSRF token, so a page can do nothing the API would refuse.
 */
@Controller
@Hidden
@RequestMapping("/console")
class ConsoleController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AuditLog log;
    private final Orchestrator orchestrator;
    private final RulesetLifecycle lifecycle;
    private final FollowUps followUps;
    private final TableRows tableRows;

    ConsoleController(AuditLog log, Orchestrator orchestrator, RulesetLifecycle lifecycle, FollowUps followUps,
                      RulesetArchive archive) {
        this.log = log;
        this.orchestrator = orchestrator;
        this.lifecycle = lifecycle;
        this.followUps = followUps;
        this.tableRows = new TableRows(archive);
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @RequestMapping("/forbidden")
    String forbidden(HttpServletResponse response) {
        response.setStatus(403);
        return "console/forbidden";
    }

    @GetMapping({"", "/"})
    String home(Model model, Authentication who) {
        List<String> roles = roles(who);
        boolean everything = roles.contains("admin") || roles.contains("auditor");
        model.addAttribute("followUps", followUps.list(null).stream()
                .filter(item -> everything || roles.contains(item.ownerRole())).limit(100).toList());
        return page(model, who, "home", "Overview");
    }

    // ---- decisions

    @GetMapping("/decisions")
    String decisions(@RequestParam Map<String, String> params, Model model, Authentication who) {
        Map<String, String> filters = new LinkedHashMap<>(params);
        filters.values().removeIf(String::isBlank);
        AuditQuery query = AuditQueryParameters.parse(filters);
        int limit = AuditQueryParameters.limit(filters);
        List<AuditRecord> records = log.search(query, limit + 1);
        List<DecisionSummary> items = records.stream().limit(limit).map(DecisionSummary::of).toList();
        Map<String, String> exportFilters = new LinkedHashMap<>(filters);
        exportFilters.remove("cursor");
        exportFilters.remove("limit");
        model.addAttribute("filters", filters);
        model.addAttribute("items", items);
        model.addAttribute("next", records.size() > limit ? link("/console/decisions", filters, "cursor",
                String.valueOf(items.get(items.size() - 1).seq())) : null);
        model.addAttribute("exportNdjson", link("/api/v1/decisions/export", exportFilters, "format", "ndjson"));
        model.addAttribute("exportCsv", link("/api/v1/decisions/export", exportFilters, "format", "csv"));
        return page(model, who, "decisions", "Decisions");
    }

    /** One entry of the trace as the page shows it: the fired rule, what it did, and where it is written. */
    record TraceView(int seq, String ruleId, String reason, List<String> did, String file, String sheet, Integer row,
                     Integer line, List<TableRows.Cell> cells) {
    }

    @GetMapping("/decisions/{decisionId}")
    String decision(@PathVariable String decisionId, Model model, Authentication who) {
        AuditRecord record = log.find(decisionId)
                .orElseThrow(() -> new NotFoundException("unknown-decision", "no decision " + decisionId));
        JsonNode body = record.record();
        JsonNode decision = body.get("decision");
        List<TraceView> trace = new ArrayList<>();
        if (decision != null) {
            for (JsonNode t : decision.path("trace")) {
                JsonNode source = t.path("source");
                String file = source.path("file").asString(null);
                String sheet = source.path("sheet").asString(null);
                Integer row = source.has("row") ? source.get("row").asInt() : null;
                Integer line = source.has("line") ? source.get("line").asInt() : null;
                List<String> did = t.path("did").valueStream().map(JsonNode::asString).toList();
                trace.add(new TraceView(t.path("seq").asInt(), t.path("ruleId").asString(), t.path("reason").asString(null), did,
                        file, sheet, row, line, row == null ? List.of() : tableRows.cells(record.rulesetVersion(), file, sheet, row)));
            }
        }
        List<String> masked = body.path("maskedPointers").valueStream().map(JsonNode::asString).toList();
        model.addAttribute("record", record);
        model.addAttribute("decision", decision);
        model.addAttribute("contractJson", body.has("contract") ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body.get("contract")) : "");
        model.addAttribute("masked", masked);
        model.addAttribute("violations", body.path("violations"));
        model.addAttribute("trace", trace);
        Map<String, Records.Approval> approvalState = new LinkedHashMap<>();
        orchestrator.approvalsOfDecision(decisionId).forEach(a -> approvalState.put(a.gateId(), a));
        model.addAttribute("approvalState", approvalState);
        model.addAttribute("bodyJson", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        return page(model, who, "decision", "Decision " + decisionId.substring(0, 8));
    }

    // ---- audit integrity

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to, Model model,
                 Authentication who) {
        long head = log.search(AuditQuery.all().ofKind(AuditQuery.ALL_KINDS), 1).stream().mapToLong(AuditRecord::seq).findFirst().orElse(0);
        model.addAttribute("head", head);
        model.addAttribute("from", from == null ? 1 : from);
        model.addAttribute("to", to == null ? head : to);
        model.addAttribute("checkpoints", log.checkpoints());
        return page(model, who, "audit", "Audit integrity");
    }

    // ---- rulesets

    @GetMapping("/rulesets")
    String rulesets(Model model, Authentication who) {
        RulesetLifecycle.Rollout rollout = lifecycle.rollout();
        model.addAttribute("active", lifecycle.active());
        model.addAttribute("rollout", rollout);
        model.addAttribute("candidates", lifecycle.candidates());
        model.addAttribute("history", lifecycle.history(50));
        model.addAttribute("shadow", rollout.shadow() == null ? null : lifecycle.shadowReport(rollout.shadow()));
        return page(model, who, "rulesets", "Rulesets");
    }

    // ---- approvals and incidents

    @GetMapping("/approvals")
    String approvals(@RequestParam(required = false) String role, Model model, Authentication who) {
        model.addAttribute("pending", orchestrator.approvals(role == null || role.isBlank() ? null : role, "pending", 200));
        model.addAttribute("decided", orchestrator.approvals(null, "approved", 20));
        model.addAttribute("role", role);
        model.addAttribute("approvers", orchestrator.properties().approvers());
        return page(model, who, "approvals", "Approvals");
    }

    @GetMapping("/incidents")
    String incidents(@RequestParam(required = false) String status, Model model, Authentication who) {
        model.addAttribute("incidents", orchestrator.incidents(status == null || status.isBlank() ? null : status, null, 200));
        model.addAttribute("status", status);
        return page(model, who, "incidents", "Incidents");
    }

    @GetMapping("/incidents/{incidentId}")
    String incident(@PathVariable String incidentId, Model model, Authentication who) {
        var packet = orchestrator.packet(incidentId)
                .orElseThrow(() -> new NotFoundException("unknown-incident", "no incident " + incidentId));
        model.addAttribute("incident", orchestrator.incident(incidentId).orElseThrow());
        model.addAttribute("packet", packet);
        model.addAttribute("packetJson", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(packet));
        return page(model, who, "incident", "Incident " + incidentId.substring(0, 8));
    }

    // ---- scorecard

    /** One day of the scorecard: each metric's actual value. */
    record Day(String day, Map<String, Double> actual) {
    }

    @GetMapping("/scorecard")
    String scorecard(Model model, Authentication who) {
        Scorecard.Report report = orchestrator.scorecard(null, null, null);
        List<Day> days = new ArrayList<>();
        Optional<Instant> first = orchestrator.firstDecidedAt();
        if (first.isPresent()) {
            Instant start = first.get().truncatedTo(ChronoUnit.DAYS);
            Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            long total = Math.min(30, Duration.between(start, end).toDays());
            for (Scorecard.Report daily : orchestrator.scorecardByDay(end.minus(Duration.ofDays(total)), end)) {
                Map<String, Double> values = new LinkedHashMap<>();
                daily.metrics().forEach(m -> values.put(m.name(), m.actual()));
                days.add(new Day(daily.from().toString().substring(0, 10), values));
            }
        }
        model.addAttribute("report", report);
        model.addAttribute("days", days);
        model.addAttribute("tuning", orchestrator.tuning(lifecycle.active()));
        return page(model, who, "scorecard", "Scorecard");
    }

    // ---- shared

    private static String page(Model model, Authentication who, String view, String title) {
        model.addAttribute("title", title);
        model.addAttribute("view", view);
        model.addAttribute("who", who == null ? "" : who.getName());
        model.addAttribute("roles", roles(who));
        return "console/" + view;
    }

    static List<String> roles(Authentication who) {
        if (who == null) {
            return List.of();
        }
        return who.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5).toLowerCase()).toList();
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
