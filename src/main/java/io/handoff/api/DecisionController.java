package io.handoff.api;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.decision.Decided;
import io.handoff.decision.DecisionService;
import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /api/v1/decisions}: a handoff contract in, a decision with its fired-rule trace out. */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {
    private final DecisionService decisions;
    private final BodyReader bodyReader;

    private final DecisionMetrics metrics;

    DecisionController(DecisionService decisions, ApiProperties properties, DecisionMetrics metrics) {
        this.decisions = decisions;
        this.metrics = metrics;
        this.bodyReader = new BodyReader(properties);
    }

    /** Answers with exactly the JSON text the audit record holds for this decision. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> decide(HttpServletRequest request) {
        long start = System.nanoTime();
        Decided decided = decisions.decide(bodyReader.read(request), Identity.principal(request));
        metrics.decided(decided.decision(), System.nanoTime() - start);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(decided.json().getBytes(StandardCharsets.UTF_8));
    }
}
