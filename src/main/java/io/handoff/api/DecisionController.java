package io.handoff.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.decision.Decision;
import io.handoff.decision.DecisionService;
import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /api/v1/decisions}: a handoff contract in, a decision with its fired-rule trace out. */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {
    private final DecisionService decisions;
    private final BodyReader bodyReader;

    DecisionController(DecisionService decisions, ApiProperties properties) {
        this.decisions = decisions;
        this.bodyReader = new BodyReader(properties);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Decision decide(HttpServletRequest request) {
        return decisions.decide(bodyReader.read(request));
    }
}
