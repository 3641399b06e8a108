package io.handoff.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionJson;
import io.handoff.decision.DecisionService;
import io.handoff.ruleset.ActiveRuleset;
import io.handoff.ruleset.ContractTrial;
import io.handoff.ruleset.RulesetLifecycle;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/v1/rulesets/{version}/try}: an analyst or auditor checks a row before a version decides anything
 * live. The answer is the full decision with its trace; nothing is recorded ({@code Decision-Recorded: false}).
 */
@RestController
class RulesetTryController {
    static final String RECORDED = "Decision-Recorded";

    private final ContractTrial trial;
    private final BodyReader bodyReader;

    RulesetTryController(RulesetLifecycle lifecycle, ActiveRuleset active, ContractValidator validator, Clock clock,
                         ApiProperties properties) {
        // the service for cases and benchmarks: no recorder, no idempotency keys, no approvals or incidents opened
        this.trial = new ContractTrial(lifecycle, new DecisionService(validator, active, clock));
        this.bodyReader = new BodyReader(properties);
    }

    @PostMapping(path = "/api/v1/rulesets/{version}/try", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> tryContract(@PathVariable String version, HttpServletRequest request) {
        String json = DecisionJson.write(trial.decide(version, bodyReader.read(request)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(RECORDED, "false")
                .body(json.getBytes(StandardCharsets.UTF_8));
    }
}
