package io.handoff.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Short, distinct schema names. springdoc names schemas by fully qualified class name
 * ({@code springdoc.use-fqn=true}), so two records called {@code Report} never merge into one schema; this turns
 * each name into the class's simple name, or, where several classes share it (or a hand-made component has it),
 * the enclosing type's name plus the simple name ({@code Preflight$Report} -> {@code PreflightReport}).
 */
final class SchemaNames {
    private static final String PREFIX = "#/components/schemas/";
    /** Names that read better than the mechanical ones. */
    private static final Map<String, String> PREFERRED = Map.of(
            "ThresholdTuningReport", "TuningReport",
            "ShadowStoreReport", "ShadowReport",
            "RulesetLifecycleRollout", "RulesetRollout",
            "AuditControllerPage", "DecisionSummaryPage",
            "RulesetControllerStep", "RulesetStep",
            "OrchestrationControllerIncidentStep", "IncidentStepBody",
            "OrchestrationControllerApprovalStep", "ApprovalStepBody",
            "RecordsIncident", "Incident",
            "RulesetIncidentsIncident", "RulesetIncident");

    private SchemaNames() {
    }

    static void shorten(OpenAPI api, Set<String> taken) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Map<String, Integer> simpleCount = new HashMap<>();
        schemas.keySet().forEach(name -> simpleCount.merge(simple(name), 1, Integer::sum));
        Map<String, String> renamed = new HashMap<>();
        Set<String> used = new java.util.HashSet<>(taken);
        for (String name : schemas.keySet()) {
            if (!name.contains(".")) {
                continue; // a hand-made component or the contract's
            }
            String simple = simple(name);
            String shortName = simpleCount.get(simple) == 1 && !taken.contains(simple) ? simple : qualified(name);
            String chosen = PREFERRED.getOrDefault(shortName, shortName);
            if (!used.add(chosen)) {
                throw new IllegalStateException("two schemas would both be called " + chosen + ": name one in SchemaNames.PREFERRED");
            }
            renamed.put(name, chosen);
        }
        Map<String, Schema> result = new LinkedHashMap<>();
        schemas.forEach((name, schema) -> result.put(renamed.getOrDefault(name, name), schema));
        api.getComponents().setSchemas(new java.util.TreeMap<>(result));
        SchemaRefs.rewrite(api, ref -> {
            if (!ref.startsWith(PREFIX)) {
                return ref;
            }
            String name = ref.substring(PREFIX.length());
            return PREFIX + renamed.getOrDefault(name, name);
        });
    }

    private static String simple(String name) {
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }

    /** {@code io.handoff.rollout.Preflight.Report} (or {@code $Report}) -> {@code PreflightReport}: the types after the package. */
    private static String qualified(String name) {
        StringBuilder types = new StringBuilder();
        for (String part : name.split("[.$]")) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                types.append(part);
            }
        }
        return types.toString();
    }
}
