package io.handoff.api;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;
import io.handoff.engine.Ruleset;
import io.handoff.engine.SourceFile;
import io.handoff.orchestration.Orchestrator;
import io.handoff.orchestration.Scorecard;
import io.handoff.ruleset.CandidateReport;
import io.handoff.ruleset.RulesetArchive;
import io.handoff.ruleset.RulesetLifecycle;
import io.swagger.v3.oas.annotations.Hidden;

/** The analyst's pages: versions and candidates with their rollout steps, and the active version's tables as sheets. */
@Controller
@Hidden
@RequestMapping("/console")
class ConsoleRulesetPages implements ConsolePage {
    private final RulesetLifecycle lifecycle;
    private final Orchestrator orchestrator;
    private final AuditLog log;
    private final TableRows tableRows;

    ConsoleRulesetPages(RulesetLifecycle lifecycle, Orchestrator orchestrator, AuditLog log, RulesetArchive archive) {
        this.lifecycle = lifecycle;
        this.orchestrator = orchestrator;
        this.log = log;
        this.tableRows = new TableRows(archive);
    }

    /**
     * A candidate as the page lists it, with the steps the page may offer: a passed candidate that is neither active nor
     * blocked by a rollback, whose submitter is not the signed-in principal (two people change live traffic).
     */
    record CandidateView(CandidateReport report, boolean active, boolean blocked, boolean shadow, boolean canary,
                         boolean ownSubmission) {
        public boolean promotable() {
            return report.passed() && !active && !blocked;
        }
    }

    @GetMapping("/rulesets")
    String rulesets(Model model, Authentication who) {
        RulesetLifecycle.Rollout rollout = lifecycle.rollout();
        String principal = who == null ? "" : who.getName();
        List<CandidateView> candidates = lifecycle.candidates().stream().map(c -> new CandidateView(c,
                c.version().equals(rollout.active()), rollout.blocked().contains(c.version()),
                c.version().equals(rollout.shadow()), c.version().equals(rollout.canary()),
                principal.equals(c.submittedBy()))).toList();
        model.addAttribute("active", lifecycle.active());
        model.addAttribute("rollout", rollout);
        model.addAttribute("candidates", candidates);
        model.addAttribute("history", lifecycle.history(50));
        model.addAttribute("shadow", rollout.shadow() == null ? null : lifecycle.shadowReport(rollout.shadow()));
        return page(model, who, "rulesets", "rulesets", "Rulesets");
    }

    /** A table row's production use: how many current handoff decisions fired it, and when a recorded decision last did. */
    record RowUse(int hits, Instant lastHit, int heat) {
    }

    /** One workbook of the active version: its sheets, and the use of every rule row in them. */
    record Workbook(String file, List<TableRows.Grid> sheets) {
    }

    @GetMapping("/rulesets/tables")
    String tables(Model model, Authentication who) {
        Ruleset active = lifecycle.active();
        List<Workbook> workbooks = active.sources().stream().filter(SourceFile::isTable)
                .map(s -> new Workbook(s.path(), tableRows.sheets(active.version(), s.path()))).toList();
        Scorecard.Report report = orchestrator.scorecard(null, null, active.version());
        Map<String, Integer> hits = new HashMap<>();
        report.rules().forEach(r -> hits.put(r.ruleId(), r.hits()));
        int most = hits.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Map<String, RowUse> use = new HashMap<>();
        for (Workbook workbook : workbooks) {
            for (TableRows.Grid grid : workbook.sheets()) {
                for (TableRows.GridRow row : grid.rows()) {
                    if (row.ruleId() != null) {
                        int n = hits.getOrDefault(row.ruleId(), 0);
                        Instant last = n == 0 ? null : log.summaries(new AuditQuery(null, null, null, null, active.version(),
                                row.ruleId(), null, null, null, null), 1).stream().map(AuditRecord::recordedAt).findFirst().orElse(null);
                        use.put(row.ruleId(), new RowUse(n, last, most == 0 || n == 0 ? 0 : Math.max(1, (int) Math.ceil(4.0 * n / most))));
                    }
                }
            }
        }
        model.addAttribute("version", active.version());
        model.addAttribute("workbooks", workbooks);
        model.addAttribute("use", use);
        model.addAttribute("handoffs", report.handoffs());
        return page(model, who, "tables", "tables", "Tables of the active version");
    }
}
