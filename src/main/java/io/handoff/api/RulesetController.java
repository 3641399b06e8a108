package io.handoff.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.contract.MalformedContractException;
import io.handoff.contract.ParserMessages;
import io.handoff.engine.Ruleset;
import io.handoff.ruleset.ActiveRuleset;
import io.handoff.ruleset.CandidateFolder;
import io.handoff.ruleset.CandidateReport;
import io.handoff.ruleset.CheckProperties;
import io.handoff.ruleset.LifecycleException;
import io.handoff.ruleset.RulesetHistory;
import io.handoff.ruleset.RulesetLifecycle;
import io.handoff.ruleset.RulesetProperties;
import io.handoff.ruleset.ShadowStore;
import io.handoff.ruleset.StepBy;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ruleset versions for analysts: the active one, candidates with their reports, promotion, rollback, shadow, canary. */
@RestController
class RulesetController {
    static final long MAX_ZIP_BYTES = 20L * 1024 * 1024;
    private final ActiveRuleset active;
    private final RulesetLifecycle lifecycle;
    private final RulesetProperties folders;
    private final BodyReader zipReader;
    private final BodyReader jsonReader = new BodyReader(256 * 1024);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path workDir;

    RulesetController(ActiveRuleset active, RulesetLifecycle lifecycle, RulesetProperties folders, CheckProperties check) {
        this.active = active;
        this.lifecycle = lifecycle;
        this.folders = folders;
        this.workDir = check.workDir();
        this.zipReader = new BodyReader(MAX_ZIP_BYTES);
    }

    record RulesetView(String version, List<String> sources, Map<String, String> rules, List<String> warnings) {
    }

    record Overview(RulesetLifecycle.Rollout rollout, List<CandidateReport> candidates, List<RulesetHistory.Event> history) {
    }

    /**
     * A lifecycle step as requested: {@code actor} is optional and, when sent, must be the authenticated caller
     * (older clients sent a name here; the history now records the credential's principal only).
     */
    record Step(String actor, String reason, Boolean override, Boolean enabled, Integer percent) {
        static final Step NONE = new Step(null, null, false, null, null);

        StepBy by(HttpServletRequest request) {
            return RulesetController.by(request, actor, reason);
        }
    }

    @GetMapping("/api/v1/rulesets/active")
    RulesetView active() {
        Ruleset ruleset = active.get();
        Map<String, String> rules = new TreeMap<>();
        ruleset.rules().forEach((id, location) -> rules.put(id, location.describe()));
        return new RulesetView(ruleset.version(), ruleset.sources().stream().map(source -> source.path()).toList(), rules,
                ruleset.warnings().stream().map(Object::toString).toList());
    }

    @GetMapping("/api/v1/rulesets")
    Overview overview() {
        return new Overview(lifecycle.rollout(), lifecycle.candidates(), lifecycle.history(100));
    }

    /**
     * Submits a candidate: an {@code application/zip} of {@code rules/} and {@code decision-tables/} (cases
     * included), or JSON {@code {"source": "folders"}} to reload the configured folders. Answers 202 at once;
     * the report at the Location says when it has compiled and run its cases.
     */
    @PostMapping(path = "/api/v1/rulesets", consumes = {"application/zip", "application/json"})
    ResponseEntity<CandidateReport> submit(HttpServletRequest request) {
        String type = request.getContentType() == null ? "" : request.getContentType();
        StepBy by = by(request, request.getParameter("actor"), request.getParameter("reason"));
        String actor = by.principal();
        String reason = by.reason();
        CandidateReport report;
        if (RequestEdge.isZip(type)) { // as the edge decides which bodies it leaves to the zip reader
            Path root = RulesetZip.unpack(zipReader.read(request), workDir);
            try {
                report = lifecycle.submit(root.resolve("rules"), root.resolve("decision-tables"), actor, reason);
            } finally {
                CandidateFolder.deleteTree(root); // the lifecycle checks its own copy
            }
        } else if (type.startsWith("application/json")) {
            reloadRequest(jsonReader.read(request));
            report = lifecycle.submit(folders.rulesFolder(), folders.tablesFolder(), actor,
                    reason.isEmpty() ? "reload from the configured folders" : reason);
        } else {
            throw new BadParameterException("Content-Type", "submit application/zip, or application/json to reload the configured folders");
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/rulesets/" + report.version())).body(report);
    }

    /**
     * A JSON submission is a reload of the folders: empty, {@code {}} or {@code {"source": "folders"}}. Anything else is
     * refused before a candidate is started (a malformed body used to start one as if it said "reload").
     */
    private static void reloadRequest(byte[] body) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return;
        }
        JsonNode reload;
        try {
            reload = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedContractException(ParserMessages.plain(e.getOriginalMessage()), 0, 0, e);
        }
        if (!reload.isObject() || reload.has("source") && !"folders".equals(reload.get("source").asString(""))) {
            throw new BadParameterException("source", "a JSON submission reloads the configured folders: send {} or "
                    + "{\"source\": \"folders\"}, or a zip as application/zip");
        }
    }

    /**
     * A step names a version this instance knows (active or a candidate): anything else is 404 unknown-version, as
     * documented, instead of a 409 "not passed" or, when stopping a shadow or canary, a silent stop of another version.
     */
    private void requireKnown(String version) {
        if (!active.get().version().equals(version)
                && lifecycle.candidates().stream().noneMatch(candidate -> candidate.version().equals(version))) {
            throw new LifecycleException("unknown-version", "no active or candidate version " + version);
        }
    }

    @GetMapping("/api/v1/rulesets/{version}")
    CandidateReport report(@PathVariable String version) {
        return lifecycle.report(version);
    }

    @PostMapping("/api/v1/rulesets/{version}/promote")
    RulesetLifecycle.Rollout promote(@PathVariable String version, @RequestBody(required = false) Step step,
                                     HttpServletRequest request) {
        requireKnown(version);
        Step s = step == null ? Step.NONE : step;
        lifecycle.promote(version, s.by(request), Boolean.TRUE.equals(s.override()));
        return lifecycle.rollout();
    }

    @PostMapping("/api/v1/rulesets/rollback")
    RulesetLifecycle.Rollout rollback(@RequestBody(required = false) Step step, HttpServletRequest request) {
        Step s = step == null ? Step.NONE : step;
        lifecycle.rollback(s.by(request));
        return lifecycle.rollout();
    }

    @PostMapping("/api/v1/rulesets/{version}/shadow")
    RulesetLifecycle.Rollout shadow(@PathVariable String version, @RequestBody(required = false) Step step,
                                    HttpServletRequest request) {
        requireKnown(version);
        Step s = step == null ? Step.NONE : step;
        lifecycle.shadow(version, !Boolean.FALSE.equals(s.enabled()), s.by(request));
        return lifecycle.rollout();
    }

    @PostMapping("/api/v1/rulesets/{version}/canary")
    RulesetLifecycle.Rollout canary(@PathVariable String version, @RequestBody Step step, HttpServletRequest request) {
        requireKnown(version);
        lifecycle.canary(version, step.percent() == null ? 0 : step.percent(), step.by(request));
        return lifecycle.rollout();
    }

    /**
     * The authenticated caller (API key name or token subject) takes the step; an {@code actor} naming anyone else
     * is refused (403 acting-as-other), so the history and the audit log never record a name the request claims.
     */
    static StepBy by(HttpServletRequest request, String actor, String reason) {
        return new StepBy(Identity.ownName(request, "actor", actor), reason);
    }

    @GetMapping("/api/v1/rulesets/{version}/shadow-report")
    ShadowStore.Report shadowReport(@PathVariable String version) {
        ShadowStore.Report report = lifecycle.shadowReport(version);
        if (report.compared() == 0) {
            requireKnown(version); // an empty report of a version nobody knows is a typo, not "no changes"
        }
        return report;
    }
}
