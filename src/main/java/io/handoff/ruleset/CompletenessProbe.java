package io.handoff.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.handoff.audit.CanonicalJson;
import io.handoff.contract.ContractValidator;
import io.handoff.contract.HandoffContract;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionService;
import io.handoff.engine.Ruleset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A ruleset for which some valid contract reaches no outcome is refused. The probe decides a deterministic set of valid
 * contracts on the candidate: two built-in seeds (one per domain) and every valid case contract, each varied one field at
 * a time along the contract schema: every handoff type and enum value, every optional field left out (one at a time and
 * cumulatively, which walks the score down through its bands), booleans flipped, counts and amounts at their bounds and
 * at usual thresholds, due times and dates at usual distances from {@code asOf}. Any decision the ruleset leaves without
 * an outcome, posture or route is an error naming the contract's distinguishing fields. Deterministic: no clock, no
 * randomness, no time limit.
 */
public final class CompletenessProbe {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SEEDS = List.of("customer-support", "product-management");
    private static final double[] AMOUNTS = {0, 1, 2, 3, 5, 10, 14, 30, 60, 100, 1_000, 10_000, 50_000, 100_000, 1_000_000};
    private static final double[] SHARES = {-1, -0.5, -0.3, 0, 0.3, 0.5, 1};
    private static final long[] MINUTES = {-60, 1, 30, 59, 60, 61, 240, 1440, 43_200};
    private static final long[] DAYS = {-1, 1, 7, 13, 14, 15, 30, 90, 365};
    /** Errors listed in full; past this many the rest are counted. */
    static final int MAX_LISTED = 20;

    private final ContractValidator validator = new ContractValidator();
    private final DecisionService decisions = new DecisionService(validator, () -> null, java.time.Clock.systemUTC());
    private final JsonNode schema;

    public CompletenessProbe() {
        this.schema = resource("/schemas/handoff-contract.schema.json");
    }

    /** How many distinct valid contracts were decided, and one error per contract that reached no outcome. */
    public record Result(int contracts, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** One probe contract: where it came from and the one change that makes it differ from its seed. */
    private record Variant(String seed, String change, ObjectNode contract) {
    }

    public Result run(Ruleset ruleset, List<RuleCase> cases) {
        Map<String, Variant> variants = new LinkedHashMap<>();
        for (String seed : SEEDS) {
            vary("built-in " + seed + " contract", (ObjectNode) resource("/probe/" + seed + ".json"), true, variants);
        }
        for (RuleCase ruleCase : cases) {
            if (ruleCase.contract() instanceof ObjectNode contract && validator.violations(contract).isEmpty()) {
                vary("case " + ruleCase.file(), contract, false, variants);
            }
        }
        List<String> problems = new ArrayList<>();
        int decided = 0;
        int incomplete = 0;
        for (Variant variant : variants.values()) {
            if (!validator.violations(variant.contract()).isEmpty()) {
                continue;
            }
            decided++;
            HandoffContract contract = validator.mapper().treeToValue(variant.contract(), HandoffContract.class);
            Decision decision = decisions.decide("probe", new ContractValidator.Validated(variant.contract(), contract), ruleset);
            if (decision.incomplete()) {
                incomplete++;
                if (problems.size() < MAX_LISTED) {
                    problems.add(describe(variant, contract, decision));
                }
            }
        }
        if (incomplete > MAX_LISTED) {
            problems.add((incomplete - MAX_LISTED) + " more probe contracts reached no outcome");
        }
        return new Result(decided, problems);
    }

    private static String describe(Variant variant, HandoffContract contract, Decision decision) {
        String missing = decision.guardrails().stream().filter(f -> f.message() != null
                && f.message().startsWith(Decision.RULESET_INCOMPLETE + ":")).map(Decision.Finding::message).findFirst().orElse("");
        return "a valid contract reaches no outcome: " + contract.domain() + " / " + contract.handoffType()
                + (variant.change().isEmpty() ? "" : ", " + variant.change()) + " (the " + variant.seed() + " with that change; "
                + "it scores " + decision.score() + "); " + missing.substring(missing.indexOf(':') + 2)
                + ". Every valid contract must get an outcome, a posture and a route: add the missing row or close the gap";
    }

    /** {@code full}: every kind of change; otherwise (case contracts, many and alike) enum values and left-out fields. */
    private void vary(String seed, ObjectNode contract, boolean full, Map<String, Variant> variants) {
        add(variants, new Variant(seed, "", contract));
        walk(seed, contract, contract, "", schema, full, variants);
        if (full) {
            cumulativeRemovals(seed, contract, "/package", variants);
        }
    }

    /** Every property the schema knows of the object at {@code pointer}: left out, or set to each value worth probing. */
    private void walk(String seed, ObjectNode root, JsonNode node, String pointer, JsonNode objectSchema, boolean full,
                      Map<String, Variant> variants) {
        JsonNode resolved = resolve(objectSchema);
        Set<String> required = new TreeSet<>();
        resolved.path("required").forEach(name -> required.add(name.asString()));
        for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
            String name = property.getKey();
            String at = pointer + "/" + name;
            JsonNode propertySchema = property.getValue();
            JsonNode value = node.get(name);
            if (value != null && !required.contains(name)) {
                add(variants, new Variant(seed, "without " + at, edit(root, at, null)));
            }
            for (JsonNode candidate : full || resolve(propertySchema).has("enum") ? values(root, propertySchema, value) : List.<JsonNode>of()) {
                add(variants, new Variant(seed, at + " = " + candidate, edit(root, at, candidate)));
            }
            if (value instanceof ObjectNode) {
                walk(seed, root, value, at, propertySchema, full, variants);
            } else if (value instanceof ArrayNode array && !array.isEmpty() && array.get(0) instanceof ObjectNode) {
                walk(seed, root, array.get(0), at + "/0", resolve(propertySchema).path("items"), full, variants);
            }
        }
    }

    /** Optional package fields left out one after another: a thinner and thinner package, down every score band. */
    private void cumulativeRemovals(String seed, ObjectNode root, String pointer, Map<String, Variant> variants) {
        ObjectNode thinner = root.deepCopy();
        JsonNode at = thinner.at(pointer);
        if (!(at instanceof ObjectNode object)) {
            return;
        }
        List<String> removed = new ArrayList<>();
        for (String name : new ArrayList<>(object.propertyNames())) {
            if (name.equals("summary")) {
                continue;
            }
            object.remove(name);
            removed.add(pointer + "/" + name);
            add(variants, new Variant(seed, "without " + String.join(", ", removed), thinner.deepCopy()));
        }
    }

    private List<JsonNode> values(ObjectNode root, JsonNode propertySchema, JsonNode current) {
        JsonNode resolved = resolve(propertySchema);
        List<JsonNode> values = new ArrayList<>();
        String ref = propertySchema.path("$ref").asString("");
        if (resolved.has("enum")) {
            resolved.get("enum").forEach(values::add);
        } else if (current == null) {
            return values;
        } else if (current.isBoolean()) {
            values.add(JSON.getNodeFactory().booleanNode(!current.asBoolean()));
        } else if (current.isNumber()) {
            double min = resolved.path("minimum").asDouble(-1e12);
            double max = resolved.path("maximum").asDouble(1e12);
            double[] candidates = max - min <= 2 ? SHARES : AMOUNTS;
            for (double candidate : candidates) {
                if (candidate >= min && candidate <= max) {
                    values.add(resolved.path("type").asString("").equals("integer") ? JSON.getNodeFactory().numberNode((long) candidate)
                            : JSON.getNodeFactory().numberNode(candidate));
                }
            }
        } else if (ref.endsWith("/timestamp") && root.path("asOf").isString()) {
            OffsetDateTime asOf = OffsetDateTime.parse(root.get("asOf").asString());
            for (long minutes : MINUTES) {
                values.add(JSON.getNodeFactory().stringNode(asOf.plusMinutes(minutes).toString()));
            }
        } else if (ref.endsWith("/date") && root.path("asOf").isString()) {
            LocalDate day = OffsetDateTime.parse(root.get("asOf").asString()).toLocalDate();
            for (long days : DAYS) {
                values.add(JSON.getNodeFactory().stringNode(day.plusDays(days).toString()));
            }
        } else if (current.isArray() && !current.isEmpty()) {
            values.add(JSON.createArrayNode());
        }
        return values;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref != null && ref.asString().startsWith("#") ? resolve(schema.at(ref.asString().substring(1))) : node;
    }

    /** A copy of {@code root} with the value at {@code pointer} replaced (null: removed). */
    private static ObjectNode edit(ObjectNode root, String pointer, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(name);
            } else {
                object.set(name, value);
            }
        } else if (parent instanceof ArrayNode array && value != null) {
            array.set(Integer.parseInt(name), value);
        }
        return copy;
    }

    private static void add(Map<String, Variant> variants, Variant variant) {
        variants.putIfAbsent(CanonicalJson.sha256(variant.contract()), variant);
    }

    private static JsonNode resource(String path) {
        try (InputStream in = CompletenessProbe.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
