package io.handoff.contract;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a contract from bytes: parse (malformed: {@link MalformedContractException}), validate against the
 * JSON Schema and the rules a schema cannot express, reporting every violation with a JSON pointer
 * ({@link ContractViolationException}), then map to {@link HandoffContract}.
 */
public final class ContractValidator {
    /** Deepest nesting accepted; the schema's own depth is 5. */
    public static final int MAX_NESTING_DEPTH = 32;

    private final JsonMapper mapper;
    private final Schema schema;
    private final AsOfWindow window;

    public ContractValidator() {
        this(AsOfWindow.DEFAULT);
    }

    /** {@code window}: how far asOf may lie from the receive time, for contracts read with one ({@link #read(byte[], Instant)}). */
    public ContractValidator(AsOfWindow window) {
        this.window = java.util.Objects.requireNonNull(window, "window");
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        Dialect dialect = Dialect.builder(Dialects.getDraft202012()).format(new ZonedTimestampFormat()).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder.schemaRegistryConfig(config));
        this.schema = registry.getSchema(new String(ContractSchema.bytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    }

    /** A contract that passed validation, with the document exactly as received (for hashing and audit). */
    public record Validated(JsonNode document, HandoffContract contract) {
    }

    public Validated read(byte[] body) {
        return read(body, null);
    }

    /**
     * As {@link #read(byte[])}, and with {@code receivedAt} (the HTTP edge only; null elsewhere) also the receive-time
     * checks of {@link AsOfWindow}.
     */
    public Validated read(byte[] body, java.time.Instant receivedAt) {
        JsonNode document = parse(body);
        List<Violation> violations = violations(document);
        if (violations.isEmpty() && receivedAt != null) {
            violations = window.check(document, receivedAt);
        }
        if (!violations.isEmpty()) {
            throw new ContractViolationException(document, violations);
        }
        return new Validated(document, mapper.treeToValue(document, HandoffContract.class));
    }

    public JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedContractException("the request body is empty; a JSON handoff contract is expected", 1, 1, null);
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedContractException("the request body holds no JSON value", 1, 1, null);
            }
            // refused before anything is recorded: a rejection record would keep text that has no UTF-8 form. Over HTTP
            // the request edge refused it already; this is for contracts from files (the command line, the cases).
            UnpairedSurrogates.Found unpaired = UnpairedSurrogates.locate(mapper, body);
            if (unpaired != null) {
                throw new MalformedContractException(unpaired.problem(), unpaired.line(), unpaired.column(), null);
            }
            return node;
        } catch (JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            int line = location == null ? -1 : location.getLineNr();
            int column = location == null ? -1 : location.getColumnNr();
            throw new MalformedContractException(ParserMessages.plain(e.getOriginalMessage()), line, column, e);
        }
    }

    /**
     * Every violation of the document, schema first, then cross-field and {@link SemanticChecks semantic} checks (only
     * on a document that passed the schema); sorted by pointer. Receive-time checks are not among them.
     */
    public List<Violation> violations(JsonNode document) {
        Map<String, Violation> unique = new LinkedHashMap<>();
        for (Error error : schema.validate(clampHugeNumbers(document))) {
            Violation violation = SchemaErrors.toViolation(error);
            unique.putIfAbsent(violation.pointer() + " " + violation.code(), violation);
        }
        if (unique.isEmpty()) {
            crossFieldViolations(document).forEach(v -> unique.putIfAbsent(v.pointer() + " " + v.code(), v));
            SemanticChecks.of(document).forEach(v -> unique.putIfAbsent(v.pointer() + " " + v.code(), v));
        }
        List<Violation> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::code));
        return sorted;
    }

    /** Beyond any bound the schema sets; larger numbers are clamped to it before validation. */
    private static final double NUMBER_LIMIT = 1e15;

    /**
     * A copy with numbers of huge magnitude clamped to +-1e15: still out of every range in the schema (so they
     * are reported at their pointer), but within what the validator's integer comparisons can handle.
     */
    private static JsonNode clampHugeNumbers(JsonNode document) {
        if (!hasHugeNumber(document)) {
            return document;
        }
        JsonNode copy = document.deepCopy();
        clamp(copy);
        return copy;
    }

    private static boolean hasHugeNumber(JsonNode node) {
        if (node.isNumber()) {
            return !Double.isFinite(node.asDouble()) || Math.abs(node.asDouble()) > NUMBER_LIMIT;
        }
        for (JsonNode child : node.values()) {
            if (hasHugeNumber(child)) {
                return true;
            }
        }
        return false;
    }

    private static void clamp(JsonNode node) {
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            for (String name : java.util.List.copyOf(object.propertyNames())) {
                JsonNode child = object.get(name);
                if (child.isNumber() && hasHugeNumber(child)) {
                    object.put(name, child.asDouble() < 0 ? -NUMBER_LIMIT : NUMBER_LIMIT);
                } else {
                    clamp(child);
                }
            }
        } else if (node instanceof tools.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isNumber() && hasHugeNumber(child)) {
                    array.set(i, array.numberNode(child.asDouble() < 0 ? -NUMBER_LIMIT : NUMBER_LIMIT));
                } else {
                    clamp(child);
                }
            }
        }
    }

    /** Rules a schema cannot state: SLA due times must not lie before {@code asOf}. */
    private static List<Violation> crossFieldViolations(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        OffsetDateTime asOf = OffsetDateTime.parse(document.get("asOf").asString());
        JsonNode sla = document.path("case").path("sla");
        for (String field : List.of("firstResponseDue", "resolutionDue")) {
            JsonNode due = sla.get(field);
            if (due != null && OffsetDateTime.parse(due.asString()).isBefore(asOf)) {
                violations.add(new Violation("/case/sla/" + field, "sla-before-as-of",
                        field + " " + due.asString() + " lies before asOf " + asOf
                                + "; an SLA already missed is reported as an outcome, not handed off"));
            }
        }
        return violations;
    }

    public JsonMapper mapper() {
        return mapper;
    }
}
