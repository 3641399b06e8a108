package io.handoff.api;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.decision.Decided;
import io.handoff.decision.DecisionService;
import io.handoff.decision.Submission;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/v1/decisions}: a handoff contract in, a decision with its fired-rule trace out. Resubmission
 * (docs/api.md): {@code Idempotency-Key} answers a retry with the first answer ({@code Idempotent-Replayed: true});
 * an unchanged contract of an open handoff answers its current decision ({@code Handoff-Unchanged: true}); a changed
 * one is a revision ({@code supersedes}); a closed handoff takes a new decision only with {@code reopen=true&reason=}.
 */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String UNCHANGED = "Handoff-Unchanged";

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
    ResponseEntity<byte[]> decide(HttpServletRequest request,
                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                  @RequestParam(required = false, defaultValue = "false") boolean reopen,
                                  @RequestParam(required = false) String reason) {
        long start = System.nanoTime();
        TooLongException.check("reason", reason, TooLongException.TEXT);
        if (reopen && reason == null) {
            throw new BadParameterException("reason", "reopen=true needs reason=... (why the closed handoff starts again)");
        }
        Submission submission = new Submission(bodyReader.read(request), Identity.principal(request),
                idempotencyKey, reopen ? reason : null);
        Decided decided = decisions.decide(submission);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        switch (decided.replay()) {
            case IDEMPOTENT -> response.header(REPLAYED, "true");
            case UNCHANGED -> response.header(UNCHANGED, "true");
            case NONE -> metrics.decided(decided.decision(), System.nanoTime() - start);
        }
        return response.body(decided.json().getBytes(StandardCharsets.UTF_8));
    }
}
