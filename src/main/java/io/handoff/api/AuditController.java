package io.handoff.api;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;
import io.handoff.audit.Checkpoint;
import io.handoff.audit.VerifyReport;
import io.handoff.decision.ReplayResult;
import io.handoff.decision.ReplayService;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** What auditors read: recorded decisions, searches, streamed exports, chain verification and replay. */
@RestController
class AuditController {
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final CsvMapper CSV_MAPPER = CsvMapper.builder().build();
    private static final CsvSchema CSV_SCHEMA = CSV_MAPPER.schemaFor(DecisionSummary.class).withHeader();

    private final AuditLog log;
    private final ReplayService replay;
    private final JsonMapper json;

    AuditController(AuditLog log, ReplayService replay, JsonMapper json) {
        this.log = log;
        this.replay = replay;
        this.json = json;
    }

    record Page(List<DecisionSummary> items, String nextCursor) {
    }

    @GetMapping("/api/v1/decisions/{decisionId}")
    AuditRecord get(@PathVariable String decisionId) {
        return log.find(decisionId).orElseThrow(() -> notFound(decisionId));
    }

    @GetMapping("/api/v1/decisions")
    Page search(@RequestParam Map<String, String> params) {
        AuditQuery query = AuditQueryParameters.parse(params);
        int limit = AuditQueryParameters.limit(params);
        List<AuditRecord> records = log.summaries(query, limit + 1);
        List<DecisionSummary> items = records.stream().limit(limit).map(DecisionSummary::of).toList();
        String next = records.size() > limit ? String.valueOf(items.get(items.size() - 1).seq()) : null;
        return new Page(items, next);
    }

    @GetMapping("/api/v1/decisions/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam Map<String, String> params) {
        AuditQuery query = AuditQueryParameters.parse(params);
        String format = params.getOrDefault("format", "ndjson");
        if (format.equals("ndjson")) {
            return ResponseEntity.ok().contentType(NDJSON)
                    .header("Content-Disposition", "attachment; filename=\"decisions.ndjson\"")
                    .body(out -> log.stream(query, record -> writeLine(out, record)));
        }
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(CSV)
                    .header("Content-Disposition", "attachment; filename=\"decisions.csv\"")
                    .body(out -> {
                        try (SequenceWriter writer = CSV_MAPPER.writer(CSV_SCHEMA).writeValues(out)) {
                            log.streamSummaries(query, record -> writer.write(DecisionSummary.of(record)));
                        }
                    });
        }
        throw new BadParameterException("format", "format must be ndjson or csv");
    }

    @PostMapping("/api/v1/decisions/{decisionId}/replay")
    ReplayResult replay(@PathVariable String decisionId) {
        return replay.replay(decisionId).orElseThrow(() -> notFound(decisionId));
    }

    @GetMapping("/api/v1/audit/verify")
    VerifyReport verify(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        return log.verify(from, to);
    }

    @GetMapping("/api/v1/audit/checkpoints")
    List<Checkpoint> checkpoints() {
        return log.checkpoints();
    }

    private void writeLine(OutputStream out, AuditRecord record) {
        try {
            out.write(json.writeValueAsBytes(record));
            out.write('\n');
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NotFoundException notFound(String decisionId) {
        return new NotFoundException("decision-not-found", "no decision or attempt is recorded under id " + decisionId);
    }
}
