package io.handoff.orchestration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code handoff.orchestration.*}: the approver directory and the data file of scorecard metrics and tuning
 * settings, next to the rules. The directory maps principals (an API key's name, a bearer token's subject) to
 * the gate roles they hold, e.g. {@code handoff.orchestration.approvers.morgan-diaz=incident-commander,team-lead}
 * for the key named {@code morgan-diaz}; an approval counts the roles of the principal that decides it.
 */
@ConfigurationProperties("handoff.orchestration")
public record OrchestrationProperties(Map<String, List<String>> approvers, String metricsFile) {
    public OrchestrationProperties {
        Map<String, List<String>> copy = new TreeMap<>();
        if (approvers != null) {
            approvers.forEach((id, roles) -> copy.put(id, List.copyOf(roles)));
        }
        approvers = copy;
        metricsFile = metricsFile == null || metricsFile.isBlank() ? "./rules/metrics.yaml" : metricsFile;
    }

    public boolean holds(String approverId, String role) {
        List<String> roles = approvers.get(approverId);
        return roles != null && roles.contains(role);
    }

    /** The directory id {@code name} spells (case aside), if it is one: free text naming nobody is empty. */
    public Optional<String> directoryId(String name) {
        return name == null ? Optional.empty() : approvers.keySet().stream().filter(id -> id.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** Every gate role that at least one configured approver holds. */
    public Set<String> coveredRoles() {
        Set<String> roles = new TreeSet<>();
        approvers.values().forEach(roles::addAll);
        return roles;
    }
}
