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

    /** {@code result} (1.1) passed, failed or waived; absent (every 1.0 contract) reads as passed. */
    public record Evidence(String kind, String ref, String result, String waivedBy) {
        public static final String PASSED = "passed";
        public static final String FAILED = "failed";

        public String resultOrPassed() {
            return result == null ? PASSED : result;
        }
    }

    public record Budget(double estimate, double cap, String unit) {
    }

    public record SupportCase(String ticketId, String priority, String severity, String category, String channel,
                              String language, Customer customer, Sla sla, Double sentiment, Integer reopenCount,
                              Integer handoffCount, Reason reason, CustomerCommunication customerCommunication,
                              String ticketUrl, Bot bot, Boolean identityVerified, Product product,
                              List<String> linkedTickets) {
        public SupportCase {
            linkedTickets = copy(linkedTickets);
        }
    }

    /** (1.1) Why a case changes hands: a code from the schema's list and optional words. */
    public record Reason(String code, String text) {
    }

    /** (1.1) What the customer was told, when, and when the next update is due. */
    public record CustomerCommunication(String told, OffsetDateTime toldAt, OffsetDateTime nextUpdateDue) {
    }

    /** (1.1) For bot-to-agent: the bot's detected intent and its confidence (0..1). */
    public record Bot(String intent, double confidence, String transcriptRef) {
    }

    /** (1.1) Product, version and error ids. */
    public record Product(String id, String version, List<String> errorIds) {
        public Product {
            errorIds = copy(errorIds);
        }
    }

    public record Customer(String id, String tier, Double arrAtRisk, String email, String name) {
    }

    public record Sla(OffsetDateTime firstResponseDue, OffsetDateTime resolutionDue) {
    }

    public record WorkItem(String id, String kind, String riskLevel, CustomerCommitment customerCommitment,
                           LocalDate targetReleaseDate, Integer dependencyCount, Double effortDays,
                           List<SuccessMetric> successMetrics, List<String> acceptanceCriteria, String designDocUrl,
                           List<String> openQuestions, List<SignOff> signOffs, String priority,
                           List<String> nonGoals, List<String> nonFunctionalRequirements, String instrumentationPlan,
                           List<Dependency> dependencies, List<Risk> risks, LaunchPlan launch) {
        public WorkItem {
            successMetrics = copy(successMetrics);
            acceptanceCriteria = copy(acceptanceCriteria);
            openQuestions = copy(openQuestions);
            signOffs = copy(signOffs);
            nonGoals = copy(nonGoals);
            nonFunctionalRequirements = copy(nonFunctionalRequirements);
            dependencies = copy(dependencies);
            risks = copy(risks);
        }
    }

    /** (1.1) Something the work item waits for, its owner and status (open, committed, done). */
    public record Dependency(String name, String owner, String status) {
    }

    /** (1.1) A risk with its owner, likelihood and mitigation. */
    public record Risk(String description, String owner, String likelihood, String mitigation) {
    }

    /** (1.1) For launch-readiness: the plans and reviews a launch needs. */
    public record LaunchPlan(String rolloutPlan, String rollbackPlan, String monitoring, String supportEnablement,
                             String communications, Review legalReview, Review securityReview) {
    }

    /** (1.1) A review's result (passed, failed, waived, pending), who gave it and when. */
    public record Review(String result, String by, OffsetDateTime at) {
    }

    public record CustomerCommitment(boolean committed, LocalDate date) {
    }

    public record SuccessMetric(String name, double baseline, double target) {
    }

    public record SignOff(String role, String by, OffsetDateTime at) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
