package io.handoff.api;

import java.util.List;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.handoff.engine.Ruleset;
import io.handoff.engine.SourceFile;
import io.handoff.ruleset.CandidateReport;
import io.handoff.ruleset.LifecycleException;
import io.handoff.ruleset.RulesetLifecycle;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analyst's workspace: one page per candidate (its report, its cell-level diff against the active version, the
 * decisions its shadow run changed) and the "try a contract" page. Submitting and trying call the API from the page
 * ({@code POST /api/v1/rulesets}, {@code POST /api/v1/rulesets/{version}/try}); this controller only reads and renders.
 */
@Controller
@Hidden
@RequestMapping("/console/rulesets")
class ConsoleWorkspacePages implements ConsolePage {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** More changed decisions than a reviewer reads on one page; the count says how many there are. */
    private static final int SHADOW_ROWS = 500;
    private final RulesetLifecycle lifecycle;
    private final TableRows tableRows;

    ConsoleWorkspacePages(RulesetLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.tableRows = new TableRows(this::sources);
    }

    @GetMapping("/candidates/{version}")
    String candidate(@PathVariable String version, Model model, Authentication who) {
        CandidateReport report = lifecycle.report(version);
        RulesetLifecycle.Rollout rollout = lifecycle.rollout();
        Ruleset active = lifecycle.active();
        model.addAttribute("report", report);
        model.addAttribute("rollout", rollout);
        model.addAttribute("activeVersion", active.version());
        model.addAttribute("problems", report.problems().stream().map(ReportProblem::of).toList());
        Optional<List<SourceFile>> candidate = sources(version);
        model.addAttribute("compiled", candidate.isPresent());
        model.addAttribute("files", candidate.isEmpty() || version.equals(active.version()) ? List.of()
                : SourceDiff.between(active.sources(), candidate.get()));
        model.addAttribute("shadow", lifecycle.shadowReport(version));
        model.addAttribute("shadowChanges", lifecycle.shadowChanges(version, SHADOW_ROWS).stream().map(ShadowChange::of).toList());
        String shortVersion = version.length() > 12 ? version.substring(0, 12) : version;
        return page(model, who, "candidate", "rulesets", "Candidate " + shortVersion);
    }

    @GetMapping("/try")
    String tryPage(@RequestParam(required = false) String version, Model model, Authentication who) {
        String active = lifecycle.active().version();
        model.addAttribute("activeVersion", active);
        model.addAttribute("candidates", lifecycle.candidates().stream()
                .filter(c -> !c.version().equals(active) && !CandidateReport.COMPILING.equals(c.status())).toList());
        model.addAttribute("chosen", version == null ? active : version);
        return page(model, who, "try", "try", "Try a contract");
    }

    /**
     * The decision the try endpoint answered, rendered as the decision page shows it (each table row's cells from the
     * version's own sources). Reads only what the page sends back; decides and records nothing.
     */
    @PostMapping(path = "/try/view", consumes = MediaType.APPLICATION_JSON_VALUE)
    String tried(@RequestParam String version, @RequestParam String recorded, @RequestBody String decisionJson, Model model) {
        JsonNode decision = JSON.readTree(decisionJson);
        model.addAttribute("decision", decision);
        model.addAttribute("version", version);
        model.addAttribute("recorded", recorded);
        model.addAttribute("trace", ConsoleRecordPages.trace(decision, version, tableRows));
        return "console/try-result :: result";
    }

    /** A version's sources: the active one, a candidate that compiled (passed or with failing cases), or an archived one. */
    private Optional<List<SourceFile>> sources(String version) {
        try {
            return Optional.of(lifecycle.find(version).sources());
        } catch (LifecycleException e) {
            return Optional.empty();
        }
    }
}
