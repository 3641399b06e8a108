package io.handoff.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Outcome reports are checked per domain, each refusal with its stable code and the pointer of the field at fault. */
class OutcomeCommandTest {
    private static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");
    private static final String SUPPORT = OutcomeKinds.SUPPORT;
    private static final String PRODUCT = OutcomeKinds.PRODUCT;

    private static OutcomeCommand command(String kind, String reason, Integer slipDays, String metric, Double value) {
        return new OutcomeCommand(new OutcomeDetails("HC-1", kind, AT, null, reason, slipDays, metric, value), "tester");
    }

    private static JsonNode contract() throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(Path.of("src/test/resources/orchestration/launch-with-success-metrics.json")));
    }

    @Test
    void aSupportReportWithoutReasonKeepsWorking() {
        assertThat(command("bounced-back", null, null, null, null).checkAgainst(SUPPORT, null)).isNull();
        assertThat(command("bounced-back", "wrong-team", null, null, null).checkAgainst(SUPPORT, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"shipped, customer-support", "slipped, customer-support", "launch-rolled-back, customer-support",
            "reopened, product-management", "sla-breached, product-management", "resolved, product-management"})
    void refusesAKindOfTheOtherDomain(String kind, String domain) {
        OutcomeCommand command = command(kind, null, kind.equals("slipped") ? 3 : null, null, null);
        assertThatThrownBy(() -> command.checkAgainst(domain, null)).isInstanceOfSatisfying(OrchestrationException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.code()).isEqualTo("outcome-kind-not-in-domain");
            assertThat(e.pointer()).isEqualTo("/kind");
        });
    }

    @Test
    void refusesAReasonCodeOfTheOtherDomain() {
        assertThatThrownBy(() -> command("bounced-back", "unclear-scope", null, null, null).checkAgainst(SUPPORT, null))
                .isInstanceOfSatisfying(OrchestrationException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-reason-code");
                    assertThat(e.pointer()).isEqualTo("/reasonCode");
                });
        assertThat(command("bounced-back", "unclear-scope", null, null, null).checkAgainst(PRODUCT, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "slipped, null, null, null, null, invalid-slip-days, /slipDays",
            "slipped, null, 0, null, null, invalid-slip-days, /slipDays",
            "slipped, null, 3651, null, null, invalid-slip-days, /slipDays",
            "success-metric-reported, null, null, null, 12, missing-success-metric, /metric",
            "success-metric-reported, null, null, export tickets per month, null, missing-success-metric, /value",
            "accepted, missing-info, null, null, null, outcome-field-not-allowed, /reasonCode",
            "shipped, null, 4, null, null, outcome-field-not-allowed, /slipDays",
            "reopened, null, null, export tickets per month, null, outcome-field-not-allowed, /metric",
            "shipped, null, null, null, 3, outcome-field-not-allowed, /value",
            "Shipped, null, null, null, null, invalid-outcome-kind, /kind"})
    void refusesDetailsThatDoNotFitTheKind(String kind, String reason, Integer slipDays, String metric, Double value,
                                           String code, String pointer) {
        assertThatThrownBy(() -> command(kind, reason, slipDays, metric, value))
                .isInstanceOfSatisfying(OrchestrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.pointer()).isEqualTo(pointer);
                });
    }

    @Test
    void aSuccessMetricMustBeOneTheContractDeclared() throws Exception {
        JsonNode contract = contract();
        assertThatThrownBy(() -> command("success-metric-reported", null, null, "revenue", 10.0).checkAgainst(PRODUCT, contract))
                .isInstanceOfSatisfying(OrchestrationException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown-success-metric");
                    assertThat(e.pointer()).isEqualTo("/metric");
                });
    }

    @Test
    void metIsJudgedOnTheSideOfTheTargetAwayFromTheBaseline() throws Exception {
        JsonNode contract = contract();
        // export tickets: 120 -> 30, lower is better
        assertThat(command("success-metric-reported", null, null, "export tickets per month", 30.0).checkAgainst(PRODUCT, contract)).isTrue();
        assertThat(command("success-metric-reported", null, null, "export tickets per month", 31.0).checkAgainst(PRODUCT, contract)).isFalse();
        // weekly active exporters: 200 -> 500, higher is better
        assertThat(command("success-metric-reported", null, null, "weekly active exporters", 510.0).checkAgainst(PRODUCT, contract)).isTrue();
        assertThat(command("success-metric-reported", null, null, "weekly active exporters", 499.0).checkAgainst(PRODUCT, contract)).isFalse();
    }
}
