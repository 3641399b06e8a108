package io.handoff.contract;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A validated handoff contract (see {@code schemas/handoff-contract.schema.json}). Exactly one of
 * {@link #supportCase()} (customer-support) and {@link #workItem()} (product-management) is present.
 */
public record HandoffContract(
        String contractId, String schemaVersion, String domain, String handoffType, OffsetDateTime asOf,
        Party from, Party to, @JsonProperty("package") HandoffPackage handoffPackage, Budget budget,
        List<String> requestedFlags, @JsonProperty("case") SupportCase supportCase, WorkItem workItem) {

    public static final String CUSTOMER_SUPPORT = "customer-support";
    public static final String PRODUCT_MANAGEMENT = "product-management";

    public HandoffContract {
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(asOf, "asOf");
        requestedFlags = requestedFlags == null ? List.of() : List.copyOf(requestedFlags);
        if (CUSTOMER_SUPPORT.equals(domain) == (supportCase == null) || PRODUCT_MANAGEMENT.equals(domain) == (workItem == null)) {
            throw new IllegalArgumentException("a " + domain + " contract carries exactly its own domain's unit of work");
        }
    }

    public record Party(String team, String actor, String kind) {
    }

    public record HandoffPackage(String summary, List<String> stepsTaken, List<String> reproductionSteps,
                                 String problemStatement, String customerImpact, List<Attachment> attachments,
                                 List<ChecklistItem> checklist, List<Evidence> validationEvidence) {
        public HandoffPackage {
            stepsTaken = copy(stepsTaken);
            reproductionSteps = copy(reproductionSteps);
            attachments = copy(attachments);
            checklist = copy(checklist);
            validationEvidence = copy(validationEvidence);
        }
    }

    public record Attachment(String name, String uri) {
    }

    public record ChecklistItem(String item, boolean done) {
    }

    public record Evidence(String kind, String ref) {
    }

    public record Budget(double estimate, double cap, String unit) {
    }

    public record SupportCase(String ticketId, String priority, String severity, String category, String channel,
                              String language, Customer customer, Sla sla, Double sentiment, Integer reopenCount,
                              Integer handoffCount) {
    }

    public record Customer(String id, String tier, Double arrAtRisk, String email, String name) {
    }

    public record Sla(OffsetDateTime firstResponseDue, OffsetDateTime resolutionDue) {
    }

    public record WorkItem(String id, String kind, String riskLevel, CustomerCommitment customerCommitment,
                           LocalDate targetReleaseDate, Integer dependencyCount, Double effortDays,
                           List<SuccessMetric> successMetrics, List<String> acceptanceCriteria, String designDocUrl,
                           List<String> openQuestions, List<SignOff> signOffs) {
        public WorkItem {
            successMetrics = copy(successMetrics);
            acceptanceCriteria = copy(acceptanceCriteria);
            openQuestions = copy(openQuestions);
            signOffs = copy(signOffs);
        }
    }

    public record CustomerCommitment(boolean committed, LocalDate date) {
    }

    public record SuccessMetric(String name, double baseline, double target) {
    }

    public record SignOff(String role, String by) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
