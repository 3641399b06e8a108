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
 * The scorecard for people: a time range and a ruleset version to look at, rates as percentages with their counts,
 * baseline and target drawn as lines, and no met/worse verdict (nor tuning move) before there is enough evidence.
 */
@Controller
@Hidden
@RequestMapping("/console")
class ConsoleScorecardPage implements ConsolePage {
    /** Below this many handoffs in the range a metric's status is "too few" rather than met or worse. */
    static final int MIN_SAMPLE = 20;
    /** Tuning moves on fewer handoffs with outcomes than this are shown as not yet meaningful (as the follow-ups do). */
    static final int MIN_TUNING_EVIDENCE = 30;
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

    /**
     * A metric as the page shows it: values formatted (rates as percentages), the sample it rests on, and its verdict
     * only when that sample reaches {@link #MIN_SAMPLE}; {@code percent} tells the chart to scale rates to 0..100.
     */
    record MetricView(String name, String description, String domain, String better, String actual, String baseline,
                      String target, String byDomain, int sample, String sampleOf, String status, boolean percent,
                      Double baselineValue, Double targetValue) {
        static MetricView of(Scorecard.MetricResult m, Scorecard.Report report) {
            boolean percent = m.name().endsWith("-rate");
            boolean ofReported = m.formula() != null && m.formula().contains("reported()");
            int sample = ofReported ? report.reported() : report.handoffs();
            String status = m.actual() == null ? "no-data" : sample < MIN_SAMPLE ? "too-few" : m.status();
            StringBuilder byDomain = new StringBuilder();
            if (m.byDomain() != null) {
                m.byDomain().forEach((d, v) -> byDomain.append(byDomain.isEmpty() ? "" : " · ").append(d).append(' ')
                        .append(format(v, percent, m.name())));
            }
            return new MetricView(m.name(), m.description(), m.domain(), m.better(), format(m.actual(), percent, m.name()),
                    format(m.baseline(), percent, m.name()), format(m.target(), percent, m.name()), byDomain.toString(), sample,
                    ofReported ? "handoffs with outcome reports" : "handoffs decided", status, percent,
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
        model.addAttribute("metrics", report.metrics().stream().map(m -> MetricView.of(m, report)).toList());
        model.addAttribute("days", days);
        model.addAttribute("rates", rates);
        model.addAttribute("range", range);
        model.addAttribute("ranges", RANGES.keySet());
        model.addAttribute("version", rulesetVersion);
        model.addAttribute("versions", report.metrics().stream().flatMap(m -> m.byRulesetVersion() == null ? java.util.stream.Stream.empty()
                : m.byRulesetVersion().keySet().stream()).distinct().sorted().toList());
        model.addAttribute("enough", report.handoffs() >= MIN_SAMPLE);
        model.addAttribute("minSample", MIN_SAMPLE);
        model.addAttribute("tuning", tuning);
        model.addAttribute("tuningProblem", tuningProblem);
        model.addAttribute("minTuning", MIN_TUNING_EVIDENCE);
        return page(model, who, "scorecard", "scorecard", "Scorecard");
    }
}
