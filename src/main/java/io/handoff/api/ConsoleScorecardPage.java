package io.handoff.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.handoff.orchestration.Orchestrator;
import io.handoff.orchestration.Scorecard;
import io.handoff.orchestration.ThresholdTuning;
import io.handoff.ruleset.RulesetLifecycle;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The scorecard for people: a time range and a ruleset version to look at; each metric per domain with its value, sample
 * and interval, its baseline (measured from a named window, or typed and labelled so), observe and enforce side by side,
 * and no met/worse verdict below the configured minimum sample; tuning per boundary with its evidence and interval.
 */
@Controller
@Hidden
@RequestMapping("/console")
class ConsoleScorecardPage implements ConsolePage {
    private static final Map<String, Integer> RANGES = new LinkedHashMap<>(Map.of("7d", 7, "30d", 30, "90d", 90));

    private final Orchestrator orchestrator;
    private final RulesetLifecycle lifecycle;
    private final Clock clock;

    ConsoleScorecardPage(Orchestrator orchestrator, RulesetLifecycle lifecycle, Clock clock) {
        this.orchestrator = orchestrator;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** One day of the chart: each metric's actual value, null on a day without data. */
    record Day(String day, Map<String, Double> actual) {
    }

    /** A rule's outcome rate as a person reads it: "bounced-back 50% (1 of 2)". */
    record Rate(String outcome, String text) {
    }

    /** One domain of a metric as the page shows it: each value with its interval and sample, formatted. */
    record DomainView(String domain, String actual, String status, String baseline, String baselineSource, String observe,
                      String enforce) {
        static DomainView of(Scorecard.DomainResult d, boolean percent, String name) {
            Scorecard.Baseline b = d.baseline();
            String source = b.source() == null ? "" : switch (b.source()) {
                case Scorecard.MEASURED -> "measured: window " + b.window() + ", n = " + b.sample();
                case Scorecard.TYPED_FALLBACK -> "typed (fallback): " + b.note();
                default -> "typed";
            };
            String baseline = b.value() == null ? "–" : estimate(new Scorecard.Estimate(b.value(), b.sample() == null ? 0 : b.sample(),
                    b.low(), b.high()), percent, name, false);
            return new DomainView(d.domain(), estimate(d.actual(), percent, name, true), d.status(), baseline, source,
                    estimate(d.observe(), percent, name, true), estimate(d.enforce(), percent, name, true));
        }
    }

    /** "12.0% (9.1–15.6%, n = 412)". */
    static String estimate(Scorecard.Estimate e, boolean percent, String name, boolean withSample) {
        if (e.value() == null) {
            return withSample ? "– (n = " + e.sample() + ")" : "–";
        }
        StringBuilder text = new StringBuilder(MetricView.format(e.value(), percent, name));
        if (e.low() != null) {
            text.append(" (").append(MetricView.format(e.low(), percent, name)).append(" – ")
                    .append(MetricView.format(e.high(), percent, name));
            text.append(withSample ? ", n = " + e.sample() + ")" : ")");
        } else if (withSample) {
            text.append(" (n = ").append(e.sample()).append(')');
        }
        return text.toString();
    }

    /**
     * A metric as the page shows it: its domains, the interval method, the target; {@code percent} tells the chart to
     * scale rates to 0..100, {@code baselineValue} and {@code targetValue} are its lines.
     */
    record MetricView(String name, String description, String domain, String better, String actual, String baseline, String target,
                      String interval,
                      List<DomainView> domains, boolean percent, Double baselineValue, Double targetValue) {
        static MetricView of(Scorecard.MetricResult m) {
            boolean percent = m.name().endsWith("-rate") || m.name().endsWith("-share");
            String interval = m.interval() == null ? "no interval" : "wilson".equals(m.interval()) ? "Wilson interval"
                    : "order-statistic interval of the median";
            return new MetricView(m.name(), m.description(), m.domain(), m.better(), format(m.actual(), percent, m.name()),
                    format(m.baseline(), percent, m.name()) + (m.baselineSource() == null ? "" : " (" + m.baselineSource() + ")"),
                    format(m.target(), percent, m.name()), interval,
                    m.domains().stream().map(d -> DomainView.of(d, percent, m.name())).toList(), percent,
                    scaled(m.baseline(), percent), scaled(m.target(), percent));
        }

        static String format(Double value, boolean percent, String name) {
            if (value == null) {
                return "–";
            }
            if (percent) {
                return String.format("%.1f%%", value * 100);
            }
            return String.format("%.1f", value) + (name.endsWith("-hours") ? " h" : "");
        }

        private static Double scaled(Double value, boolean percent) {
            return value == null ? null : percent ? value * 100 : value;
        }
    }

    @GetMapping("/scorecard")
    String scorecard(@RequestParam(defaultValue = "30d") String range, @RequestParam(required = false) String version,
                     Model model, Authentication who) {
        if (!RANGES.containsKey(range)) {
            throw new BadParameterException("range", "range must be one of " + RANGES.keySet());
        }
        String rulesetVersion = version == null || version.isBlank() ? null : version;
        Instant end = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        Instant start = end.minus(Duration.ofDays(RANGES.get(range)));
        Scorecard.Report report = orchestrator.scorecard(start, end, rulesetVersion);
        List<Day> days = new ArrayList<>();
        for (Scorecard.Report daily : orchestrator.scorecardByDay(start, end)) {
            Map<String, Double> values = new LinkedHashMap<>();
            daily.metrics().forEach(m -> values.put(m.name(), daily.handoffs() == 0 ? null : m.actual()));
            days.add(new Day(daily.from().toString().substring(0, 10), values));
        }
        Map<String, List<Rate>> rates = new LinkedHashMap<>();
        for (Scorecard.RuleStats rule : report.rules()) {
            rates.put(rule.ruleId(), rule.outcomeRates().entrySet().stream().map(e -> new Rate(e.getKey(),
                    String.format("%s %.0f%% (%d of %d)", e.getKey(), e.getValue() * 100,
                            Math.round(e.getValue() * rule.reported()), rule.reported()))).toList());
        }
        ThresholdTuning.Report tuning = null;
        String tuningProblem = null;
        try {
            tuning = orchestrator.tuning(lifecycle.active());
        } catch (RuntimeException e) {
            tuningProblem = e.getMessage();
        }
        model.addAttribute("report", report);
        model.addAttribute("metrics", report.metrics().stream().map(MetricView::of).toList());
        model.addAttribute("days", days);
        model.addAttribute("rates", rates);
        model.addAttribute("range", range);
        model.addAttribute("ranges", RANGES.keySet());
        model.addAttribute("version", rulesetVersion);
        model.addAttribute("versions", report.metrics().stream().flatMap(m -> m.byRulesetVersion() == null ? java.util.stream.Stream.empty()
                : m.byRulesetVersion().keySet().stream()).distinct().sorted().toList());
        model.addAttribute("minSample", report.minimumSample());
        model.addAttribute("confidence", Math.round(report.confidence() * 100));
        model.addAttribute("tuning", tuning);
        model.addAttribute("tuningProblem", tuningProblem);
        return page(model, who, "scorecard", "scorecard", "Scorecard");
    }
}
