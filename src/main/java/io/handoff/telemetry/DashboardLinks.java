package io.handoff.telemetry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code handoff.telemetry.link-template} for one decision. Each placeholder's value is URL-encoded (a contract
 * id is the caller's text); a template naming a placeholder this service does not know is refused at startup, and a
 * link is rendered only when every placeholder it uses has a value (a decision made outside a trace has no trace link).
 */
public final class DashboardLinks {
    static final List<String> PLACEHOLDERS = List.of("traceId", "contractId", "decisionId");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private final String template;

    /** {@code template} null: no links. */
    public DashboardLinks(String template) {
        if (template != null) {
            List<String> unknown = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    unknown.add("{" + m.group(1) + "}");
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("handoff.telemetry.link-template names " + unknown
                        + "; it may use " + PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList());
            }
        }
        this.template = template;
    }

    public static DashboardLinks none() {
        return new DashboardLinks(null);
    }

    public Optional<String> link(String traceId, String contractId, String decisionId) {
        if (template == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "traceId" -> traceId;
                case "contractId" -> contractId;
                default -> decisionId;
            };
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }
}
