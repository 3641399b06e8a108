package io.handoff.decision;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import io.handoff.contract.ContractGaps;
import io.handoff.contract.HandoffContract;
import io.handoff.contract.HandoffContract.HandoffPackage;
import io.handoff.contract.HandoffContract.SupportCase;
import io.handoff.contract.HandoffContract.WorkItem;
import io.handoff.rulemodel.ContractGap;
import io.handoff.rulemodel.Handoff;

/** Flattens a contract into the {@link Handoff} fact; every duration is measured from the contract's asOf. */
final class HandoffFacts {
    private HandoffFacts() {
    }

    /** Every input fact of a contract: the {@link Handoff} and one {@link ContractGap} per gap a 1.1 contract leaves open. */
    static List<Object> all(HandoffContract contract) {
        List<Object> facts = new java.util.ArrayList<>();
        facts.add(from(contract));
        ContractGaps.of(contract).forEach(gap -> facts.add(new ContractGap(gap.code(), gap.pointer(), gap.message())));
        return List.copyOf(facts);
    }

    static Handoff from(HandoffContract contract) {
        Handoff fact = new Handoff();
        fact.setContractId(contract.contractId());
        fact.setSchemaVersion(contract.schemaVersion());
        fact.setDomain(contract.domain());
        fact.setHandoffType(contract.handoffType());
        fact.setFromTeam(contract.from().team());
        fact.setFromKind(contract.from().kind());
        fact.setToTeam(contract.to().team());
        fact.setToKind(contract.to().kind());
        packageFacts(contract.handoffPackage(), fact);
        if (contract.budget() != null) {
            fact.setBudgetEstimate(contract.budget().estimate());
            fact.setBudgetCap(contract.budget().cap());
        }
        if (contract.supportCase() != null) {
            caseFacts(contract.supportCase(), contract.asOf(), fact);
        }
        if (contract.workItem() != null) {
            workItemFacts(contract.workItem(), contract.asOf(), fact);
        }
        return fact;
    }

    private static void packageFacts(HandoffPackage pkg, Handoff fact) {
        fact.setSummaryLength(length(pkg.summary()));
        fact.setStepsTakenCount(pkg.stepsTaken().size());
        fact.setReproStepsCount(pkg.reproductionSteps().size());
        fact.setProblemStatementLength(length(pkg.problemStatement()));
        fact.setCustomerImpactLength(length(pkg.customerImpact()));
        fact.setAttachmentCount(pkg.attachments().size());
        fact.setChecklistTotal(pkg.checklist().size());
        fact.setChecklistOpen((int) pkg.checklist().stream().filter(item -> !item.done()).count());
        // failed evidence (1.1) is not evidence of readiness: it counts against the package instead
        pkg.validationEvidence().forEach(evidence -> (HandoffContract.Evidence.FAILED.equals(evidence.resultOrPassed())
                ? fact.getFailedEvidence() : fact.getValidationEvidence()).add(evidence.kind()));
        fact.setWaivedEvidenceCount((int) pkg.validationEvidence().stream().filter(e -> "waived".equals(e.result())).count());
    }

    private static void caseFacts(SupportCase supportCase, OffsetDateTime asOf, Handoff fact) {
        fact.setPriority(supportCase.priority());
        fact.setSeverity(supportCase.severity());
        fact.setCategory(supportCase.category());
        fact.setChannel(supportCase.channel());
        fact.setLanguage(supportCase.language() == null ? "en" : supportCase.language());
        fact.setCustomerTier(supportCase.customer().tier());
        fact.setArrAtRisk(supportCase.customer().arrAtRisk() == null ? 0 : Math.round(supportCase.customer().arrAtRisk()));
        fact.setSentiment(supportCase.sentiment() == null ? 0 : supportCase.sentiment());
        fact.setReopenCount(supportCase.reopenCount() == null ? 0 : supportCase.reopenCount());
        fact.setHandoffCount(supportCase.handoffCount() == null ? 0 : supportCase.handoffCount());
        caseFacts11(supportCase, asOf, fact);
        if (supportCase.sla() != null) {
            List<OffsetDateTime> dues = java.util.stream.Stream.of(
                    supportCase.sla().firstResponseDue(), supportCase.sla().resolutionDue())
                    .filter(Objects::nonNull).toList();
            dues.stream().map(due -> Duration.between(asOf, due).toMinutes()).min(Long::compare).ifPresent(minutes -> {
                fact.setSlaSet(true);
                fact.setSlaMinutesLeft(minutes);
            });
        }
    }

    private static void caseFacts11(SupportCase supportCase, OffsetDateTime asOf, Handoff fact) {
        fact.setReasonCode(supportCase.reason() == null ? null : supportCase.reason().code());
        fact.setIdentityVerified(Boolean.TRUE.equals(supportCase.identityVerified()));
        if (supportCase.bot() != null) {
            fact.setBotConfidence(supportCase.bot().confidence());
        }
        if (supportCase.customerCommunication() != null) {
            fact.setCustomerInformed(true);
            OffsetDateTime next = supportCase.customerCommunication().nextUpdateDue();
            if (next != null) {
                fact.setNextUpdateMinutesLeft(Duration.between(asOf, next).toMinutes());
            }
        }
    }

    private static void workItemFacts(WorkItem item, OffsetDateTime asOf, Handoff fact) {
        fact.setWorkItemPriority(item.priority());
        fact.setRiskCount(item.risks().size());
        fact.setOpenDependencyCount((int) item.dependencies().stream().filter(d -> !"done".equals(d.status())
                && !"committed".equals(d.status())).count());
        fact.setWorkItemKind(item.kind());
        fact.setRiskLevel(item.riskLevel());
        LocalDate today = asOf.toLocalDate();
        if (item.customerCommitment() != null && item.customerCommitment().committed()) {
            fact.setCustomerCommitted(true);
            if (item.customerCommitment().date() != null) {
                fact.setDaysToCommitment(ChronoUnit.DAYS.between(today, item.customerCommitment().date()));
            }
        }
        if (item.targetReleaseDate() != null) {
            fact.setDaysToRelease(ChronoUnit.DAYS.between(today, item.targetReleaseDate()));
        }
        // 1.1 lists the dependencies; the count rules already use follows the list when no count is given
        fact.setDependencyCount(item.dependencyCount() != null ? item.dependencyCount() : item.dependencies().size());
        fact.setEffortDays(item.effortDays() == null ? 0 : item.effortDays());
        fact.setSuccessMetricCount(item.successMetrics().size());
        fact.setAcceptanceCriteriaCount(item.acceptanceCriteria().size());
        fact.setDesignDocLinked(item.designDocUrl() != null);
        fact.setOpenQuestionCount(item.openQuestions().size());
        fact.setSignOffCount(item.signOffs().size());
        item.signOffs().forEach(signOff -> fact.getSignOffRoles().add(signOff.role()));
    }

    private static int length(String text) {
        return text == null ? 0 : text.strip().length();
    }
}
