package io.handoff.rulemodel;

import java.util.Set;
import java.util.TreeSet;

/**
 * The handoff as rules see it: the contract flattened into plain properties, with durations computed
 * from the contract's {@code asOf} (never the clock). Fields of the other domain keep their defaults.
 * Rules read it and never change it; they insert {@link Outcome} facts instead.
 */
public final class Handoff {
    private String contractId = "";
    private String domain = "";
    private String handoffType = "";
    private String fromTeam = "";
    private String fromKind = "";
    private String toTeam = "";
    private String toKind = "";
    private int summaryLength;
    private int stepsTakenCount;
    private int reproStepsCount;
    private int problemStatementLength;
    private int customerImpactLength;
    private int attachmentCount;
    private int checklistTotal;
    private int checklistOpen;
    private double budgetEstimate;
    private double budgetCap;
    private String priority = "";
    private String severity = "";
    private String category = "";
    private String channel = "";
    private String language = "";
    private String customerTier = "";
    private long arrAtRisk;
    private double sentiment;
    private int reopenCount;
    private int handoffCount;
    private boolean slaSet;
    private long slaMinutesLeft = Long.MAX_VALUE;
    private String workItemKind = "";
    private String riskLevel = "";
    private boolean customerCommitted;
    private long daysToCommitment = Long.MAX_VALUE;
    private long daysToRelease = Long.MAX_VALUE;
    private int dependencyCount;
    private double effortDays;
    private int successMetricCount;
    private int acceptanceCriteriaCount;
    private boolean designDocLinked;
    private int openQuestionCount;
    private int signOffCount;
    private final Set<String> validationEvidence = new TreeSet<>();
    private final Set<String> failedEvidence = new TreeSet<>();
    private String schemaVersion = "";
    private int waivedEvidenceCount;
    private String workItemPriority = "";
    private String reasonCode = "";
    private boolean identityVerified;
    private double botConfidence = 1;
    private boolean customerInformed;
    private long nextUpdateMinutesLeft = Long.MAX_VALUE;
    private int openDependencyCount;
    private int riskCount;
    private final Set<String> signOffRoles = new TreeSet<>();

    /** the contract's id */
    public String getContractId() {
        return contractId;
    }

    public void setContractId(String contractId) {
        this.contractId = contractId == null ? "" : contractId;
    }

    /** customer-support or product-management */
    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain == null ? "" : domain;
    }

    /** bot-to-agent, tier1-to-tier2, ... spec-to-engineering */
    public String getHandoffType() {
        return handoffType;
    }

    public void setHandoffType(String handoffType) {
        this.handoffType = handoffType == null ? "" : handoffType;
    }

    public String getFromTeam() {
        return fromTeam;
    }

    public void setFromTeam(String fromTeam) {
        this.fromTeam = fromTeam == null ? "" : fromTeam;
    }

    /** human, bot or team */
    public String getFromKind() {
        return fromKind;
    }

    public void setFromKind(String fromKind) {
        this.fromKind = fromKind == null ? "" : fromKind;
    }

    public String getToTeam() {
        return toTeam;
    }

    public void setToTeam(String toTeam) {
        this.toTeam = toTeam == null ? "" : toTeam;
    }

    public String getToKind() {
        return toKind;
    }

    public void setToKind(String toKind) {
        this.toKind = toKind == null ? "" : toKind;
    }

    /** characters in the package summary */
    public int getSummaryLength() {
        return summaryLength;
    }

    public void setSummaryLength(int summaryLength) {
        this.summaryLength = summaryLength;
    }

    public int getStepsTakenCount() {
        return stepsTakenCount;
    }

    public void setStepsTakenCount(int stepsTakenCount) {
        this.stepsTakenCount = stepsTakenCount;
    }

    public int getReproStepsCount() {
        return reproStepsCount;
    }

    public void setReproStepsCount(int reproStepsCount) {
        this.reproStepsCount = reproStepsCount;
    }

    public int getProblemStatementLength() {
        return problemStatementLength;
    }

    public void setProblemStatementLength(int problemStatementLength) {
        this.problemStatementLength = problemStatementLength;
    }

    public int getCustomerImpactLength() {
        return customerImpactLength;
    }

    public void setCustomerImpactLength(int customerImpactLength) {
        this.customerImpactLength = customerImpactLength;
    }

    public int getAttachmentCount() {
        return attachmentCount;
    }

    public void setAttachmentCount(int attachmentCount) {
        this.attachmentCount = attachmentCount;
    }

    public int getChecklistTotal() {
        return checklistTotal;
    }

    public void setChecklistTotal(int checklistTotal) {
        this.checklistTotal = checklistTotal;
    }

    public int getChecklistOpen() {
        return checklistOpen;
    }

    public void setChecklistOpen(int checklistOpen) {
        this.checklistOpen = checklistOpen;
    }

    public double getBudgetEstimate() {
        return budgetEstimate;
    }

    public void setBudgetEstimate(double budgetEstimate) {
        this.budgetEstimate = budgetEstimate;
    }

    public double getBudgetCap() {
        return budgetCap;
    }

    public void setBudgetCap(double budgetCap) {
        this.budgetCap = budgetCap;
    }

    /** customer-support: low, normal, high, urgent */
    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority == null ? "" : priority;
    }

    /** customer-support: sev1..sev4 */
    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity == null ? "" : severity;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category == null ? "" : category;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel == null ? "" : channel;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language == null ? "" : language;
    }

    /** free, pro, business, enterprise */
    public String getCustomerTier() {
        return customerTier;
    }

    public void setCustomerTier(String customerTier) {
        this.customerTier = customerTier == null ? "" : customerTier;
    }

    public long getArrAtRisk() {
        return arrAtRisk;
    }

    public void setArrAtRisk(long arrAtRisk) {
        this.arrAtRisk = arrAtRisk;
    }

    /** -1..1 */
    public double getSentiment() {
        return sentiment;
    }

    public void setSentiment(double sentiment) {
        this.sentiment = sentiment;
    }

    public int getReopenCount() {
        return reopenCount;
    }

    public void setReopenCount(int reopenCount) {
        this.reopenCount = reopenCount;
    }

    /** times already handed off (ping-pong) */
    public int getHandoffCount() {
        return handoffCount;
    }

    public void setHandoffCount(int handoffCount) {
        this.handoffCount = handoffCount;
    }

    /** true when the case has an SLA due time */
    public boolean isSlaSet() {
        return slaSet;
    }

    public void setSlaSet(boolean slaSet) {
        this.slaSet = slaSet;
    }

    /** minutes from asOf to the earliest SLA due time; Long.MAX_VALUE without SLA */
    public long getSlaMinutesLeft() {
        return slaMinutesLeft;
    }

    public void setSlaMinutesLeft(long slaMinutesLeft) {
        this.slaMinutesLeft = slaMinutesLeft;
    }

    /** product-management: feature, bug, epic, experiment */
    public String getWorkItemKind() {
        return workItemKind;
    }

    public void setWorkItemKind(String workItemKind) {
        this.workItemKind = workItemKind == null ? "" : workItemKind;
    }

    /** low, medium, high */
    public String getRiskLevel() {
        return riskLevel;
    }

    public void setRiskLevel(String riskLevel) {
        this.riskLevel = riskLevel == null ? "" : riskLevel;
    }

    public boolean isCustomerCommitted() {
        return customerCommitted;
    }

    public void setCustomerCommitted(boolean customerCommitted) {
        this.customerCommitted = customerCommitted;
    }

    /** days from asOf to the committed date; Long.MAX_VALUE without one */
    public long getDaysToCommitment() {
        return daysToCommitment;
    }

    public void setDaysToCommitment(long daysToCommitment) {
        this.daysToCommitment = daysToCommitment;
    }

    /** days from asOf to the target release; Long.MAX_VALUE without one */
    public long getDaysToRelease() {
        return daysToRelease;
    }

    public void setDaysToRelease(long daysToRelease) {
        this.daysToRelease = daysToRelease;
    }

    public int getDependencyCount() {
        return dependencyCount;
    }

    public void setDependencyCount(int dependencyCount) {
        this.dependencyCount = dependencyCount;
    }

    public double getEffortDays() {
        return effortDays;
    }

    public void setEffortDays(double effortDays) {
        this.effortDays = effortDays;
    }

    /** metrics with both baseline and target */
    public int getSuccessMetricCount() {
        return successMetricCount;
    }

    public void setSuccessMetricCount(int successMetricCount) {
        this.successMetricCount = successMetricCount;
    }

    public int getAcceptanceCriteriaCount() {
        return acceptanceCriteriaCount;
    }

    public void setAcceptanceCriteriaCount(int acceptanceCriteriaCount) {
        this.acceptanceCriteriaCount = acceptanceCriteriaCount;
    }

    public boolean isDesignDocLinked() {
        return designDocLinked;
    }

    public void setDesignDocLinked(boolean designDocLinked) {
        this.designDocLinked = designDocLinked;
    }

    public int getOpenQuestionCount() {
        return openQuestionCount;
    }

    public void setOpenQuestionCount(int openQuestionCount) {
        this.openQuestionCount = openQuestionCount;
    }

    public int getSignOffCount() {
        return signOffCount;
    }

    public void setSignOffCount(int signOffCount) {
        this.signOffCount = signOffCount;
    }

    /** Kinds of validation evidence attached: unit, integration, simulation, regression, reproduction. */
    public Set<String> getValidationEvidence() {
        return validationEvidence;
    }

    @Callable
    public boolean hasEvidence(String kind) {
        return validationEvidence.contains(kind);
    }

    /** Roles that have already signed off the work item. */
    public Set<String> getSignOffRoles() {
        return signOffRoles;
    }

    @Callable
    public boolean hasSignOff(String role) {
        return signOffRoles.contains(role);
    }

    /** 1.0 or 1.1: rules on 1.1 fields say {@code schemaVersion == "1.1"} so 1.0 decisions stay as they were */
    public String getSchemaVersion() {
        return schemaVersion;
    }

    public void setSchemaVersion(String schemaVersion) {
        this.schemaVersion = schemaVersion == null ? "" : schemaVersion;
    }

    /** Kinds of validation evidence whose result is failed (1.1); failed evidence does not count as present. */
    public Set<String> getFailedEvidence() {
        return failedEvidence;
    }

    @Callable
    public boolean hasFailedEvidence(String kind) {
        return failedEvidence.contains(kind);
    }

    public int getFailedEvidenceCount() {
        return failedEvidence.size();
    }

    /** evidence items waived (each names who waived it) */
    public int getWaivedEvidenceCount() {
        return waivedEvidenceCount;
    }

    public void setWaivedEvidenceCount(int waivedEvidenceCount) {
        this.waivedEvidenceCount = waivedEvidenceCount;
    }

    /** product-management (1.1): p0..p3, "" when not stated */
    public String getWorkItemPriority() {
        return workItemPriority;
    }

    public void setWorkItemPriority(String workItemPriority) {
        this.workItemPriority = workItemPriority == null ? "" : workItemPriority;
    }

    /** customer-support (1.1): why the case changes hands (needs-expertise, outage, ...); "" when not stated */
    public String getReasonCode() {
        return reasonCode;
    }

    public void setReasonCode(String reasonCode) {
        this.reasonCode = reasonCode == null ? "" : reasonCode;
    }

    /** customer-support (1.1): the customer's identity was verified (false when not stated) */
    public boolean isIdentityVerified() {
        return identityVerified;
    }

    public void setIdentityVerified(boolean identityVerified) {
        this.identityVerified = identityVerified;
    }

    /** bot-to-agent (1.1): the bot's confidence in its detected intent, 0..1; 1 when not stated */
    public double getBotConfidence() {
        return botConfidence;
    }

    public void setBotConfidence(double botConfidence) {
        this.botConfidence = botConfidence;
    }

    /** customer-support (1.1): the customer was told what happens */
    public boolean isCustomerInformed() {
        return customerInformed;
    }

    public void setCustomerInformed(boolean customerInformed) {
        this.customerInformed = customerInformed;
    }

    /** minutes from asOf to the update promised to the customer; Long.MAX_VALUE without one */
    public long getNextUpdateMinutesLeft() {
        return nextUpdateMinutesLeft;
    }

    public void setNextUpdateMinutesLeft(long nextUpdateMinutesLeft) {
        this.nextUpdateMinutesLeft = nextUpdateMinutesLeft;
    }

    /** product-management (1.1): dependencies not yet committed or done */
    public int getOpenDependencyCount() {
        return openDependencyCount;
    }

    public void setOpenDependencyCount(int openDependencyCount) {
        this.openDependencyCount = openDependencyCount;
    }

    /** product-management (1.1): risks listed */
    public int getRiskCount() {
        return riskCount;
    }

    public void setRiskCount(int riskCount) {
        this.riskCount = riskCount;
    }

    public boolean isOverBudget() {
        return budgetCap > 0 && budgetEstimate > budgetCap;
    }
}
