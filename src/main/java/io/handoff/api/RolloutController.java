package io.handoff.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.rollout.Preflight;
import io.handoff.rollout.RolloutFlags;
import io.handoff.rollout.RolloutRule;
import io.swagger.v3.oas.annotations.Operation;

/** Rollout modes (admin) and preflight checks (callers and operators). */
@RestController
class RolloutController {
    private final RolloutFlags flags;
    private final Preflight preflight;
    private final BodyReader bodyReader;

    RolloutController(RolloutFlags flags, Preflight preflight, ApiProperties properties) {
        this.flags = flags;
        this.preflight = preflight;
        this.bodyReader = new BodyReader(properties);
    }

    record Rules(String flag, String defaultMode, List<RolloutRule> rules) {
    }

    @Operation(summary = "Rollout rules", description = "The rules behind the OpenFeature flag handoff-mode: per domain and team, "
            + "off, observe or enforce, optionally for a percentage of contracts.")
    @GetMapping("/api/v1/admin/flags")
    Rules rules() {
        return new Rules(RolloutFlags.FLAG, flags.defaultMode(), flags.rules());
    }

    /**
     * {@code domain}/{@code team}: '*' or absent for any; {@code percent} of contracts get {@code mode}, the rest
     * {@code fallbackMode}. The change is the caller's: {@code actor}, when sent, must be the caller's own principal.
     */
    record RuleChange(String domain, String team, String mode, Integer percent, String fallbackMode, String reason, String actor) {
        RuleChange {
            TooLongException.check("/domain", domain, TooLongException.ID);
            TooLongException.check("/team", team, TooLongException.ID);
            TooLongException.check("/mode", mode, TooLongException.ID);
            TooLongException.check("/fallbackMode", fallbackMode, TooLongException.ID);
            TooLongException.check("/reason", reason, TooLongException.TEXT);
            TooLongException.check("/actor", actor, TooLongException.ID);
        }
    }

    @Operation(summary = "Change a rollout rule at runtime", description = "Takes effect on the next decision, without restart; "
            + "the change, who made it and why are an audit record (kind flag-change).")
    @PutMapping(path = "/api/v1/admin/flags", consumes = MediaType.APPLICATION_JSON_VALUE)
    RolloutRule change(@RequestBody RuleChange change, HttpServletRequest request) {
        try {
            return flags.set(change.domain(), change.team(), change.mode(), change.percent(), change.fallbackMode(),
                    Identity.ownName(request, "actor", change.actor()), change.reason());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("body", e.getMessage());
        }
    }

    @Operation(summary = "Service preflight", description = "Is the active ruleset healthy (compiled, cases passing, not rolled back) "
            + "and does the audit store take writes? 200 when every hard check passes, else 503 naming the failed checks.")
    @GetMapping("/api/v1/preflight")
    ResponseEntity<Preflight.Report> service() {
        Preflight.Report report = preflight.service();
        return ResponseEntity.status(report.ok() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
    }

    @Operation(summary = "Preflight a contract", description = "Schema, rollout mode, ruleset health, audit store, and approvers "
            + "for every gate the decision would need, without recording a decision. Always 200; ok=false names failed checks.")
    @PostMapping(path = "/api/v1/preflight", consumes = MediaType.APPLICATION_JSON_VALUE)
    Preflight.Report contract(HttpServletRequest request) {
        return preflight.contract(bodyReader.read(request));
    }
}
