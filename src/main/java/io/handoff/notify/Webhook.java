package io.handoff.notify;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One configured receiver ({@code handoff.notify.webhooks[n].*}): where to POST, the secret its HMAC-SHA256
 * signature is made with, and which notices it wants. An empty {@code kinds}, {@code teams} or {@code domains} list
 * means all. Team and domain filters apply to notices about a handoff; service-wide notices (a rollback, a rejected
 * candidate) carry neither and go to every webhook subscribed to their kind. {@code urgentOnly}: only notices about
 * sev1 or urgent handoffs, plus service-wide ones (a pager).
 */
public record Webhook(String name, URI url, String secret, List<String> kinds, List<String> teams, List<String> domains,
                      boolean urgentOnly) {
    public Webhook {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("handoff.notify.webhooks[].name is required (at most 100 characters)");
        }
        Objects.requireNonNull(url, "handoff.notify.webhooks[" + name + "].url is required");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("handoff.notify.webhooks[" + name + "].url must be http or https: " + url);
        }
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("handoff.notify.webhooks[" + name + "].secret is required (at least 16 characters)");
        }
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        for (String kind : kinds) {
            NoticeKind.of(kind).orElseThrow(() -> new IllegalArgumentException("handoff.notify.webhooks[" + name + "].kinds: unknown kind "
                    + kind + "; known: " + java.util.Arrays.stream(NoticeKind.values()).map(NoticeKind::wire).toList()));
        }
        teams = teams == null ? List.of() : List.copyOf(teams);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    boolean accepts(Notice notice) {
        if (!kinds.isEmpty() && !kinds.contains(notice.kind())) {
            return false;
        }
        boolean aboutHandoff = notice.contractId() != null;
        if (aboutHandoff && urgentOnly && !notice.urgent()) {
            return false;
        }
        if (aboutHandoff && !domains.isEmpty() && !domains.contains(notice.domain())) {
            return false;
        }
        return !aboutHandoff || teams.isEmpty() || notice.teams().stream().anyMatch(teams::contains);
    }

    /** What the API shows of it: never the secret. */
    public record View(String name, URI url, List<String> kinds, List<String> teams, List<String> domains, boolean urgentOnly) {
    }

    public View view() {
        return new View(name, url, kinds, teams, domains, urgentOnly);
    }
}
