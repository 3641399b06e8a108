package io.handoff;

import java.net.URI;
import java.net.http.HttpRequest;

/** The documented development API keys, for tests and benchmarks against the service. */
public final class TestKeys {
    public static final String HEADER = "X-API-Key";
    public static final String ADMIN = "dev-admin-key";

    private TestKeys() {
    }

    /** A request builder carrying the admin development key. */
    public static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header(HEADER, ADMIN);
    }

    /** A request builder carrying the development key of one role ({@code decider}, {@code auditor}, ...). */
    public static HttpRequest.Builder as(String role, URI uri) {
        return HttpRequest.newBuilder(uri).header(HEADER, "dev-" + role + "-key");
    }
}
