package io.handoff.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class DashboardLinksTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void rendersEveryPlaceholderUrlEncoded() {
        DashboardLinks links = new DashboardLinks("https://grafana.example/explore?traceId={traceId}&contract={contractId}&d={decisionId}");
        assertThat(links.link(TRACE, "HC 1&x=2", "d-1")).contains(
                "https://grafana.example/explore?traceId=" + TRACE + "&contract=HC+1%26x%3D2&d=d-1");
    }

    @Test
    void rendersNoLinkWithoutATemplateOrWithoutAValueTheTemplateUses() {
        assertThat(DashboardLinks.none().link(TRACE, "HC-1", "d-1")).isEmpty();
        assertThat(new DashboardLinks("https://x.example/t/{traceId}").link(null, "HC-1", "d-1")).isEmpty();
        assertThat(new DashboardLinks("https://x.example/c/{contractId}").link(null, "HC-1", "d-1")).contains("https://x.example/c/HC-1");
    }

    @Test
    void refusesAPlaceholderItDoesNotKnow() {
        assertThatThrownBy(() -> new DashboardLinks("https://x.example/{trace_id}"))
                .hasMessageContaining("{trace_id}").hasMessageContaining("{traceId}");
    }

    @Test
    void teamLabelsKeepRolloutTeamsAndTheFirstFewOthersThenSayOther() {
        TeamLabels labels = new TeamLabels(() -> List.of("support-tier1"), 2);
        assertThat(labels.label("a")).isEqualTo("a");
        assertThat(labels.label("b")).isEqualTo("b");
        assertThat(labels.label("c")).isEqualTo(TeamLabels.OTHER);
        assertThat(labels.label("support-tier1")).as("named in a rollout rule").isEqualTo("support-tier1");
        assertThat(labels.label("a")).isEqualTo("a");
        assertThat(labels.label(null)).isEqualTo(TeamLabels.OTHER);
    }
}
