package io.handoff.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes problems from servlet filters (authentication, admission), which run before the MVC problem
 * handler, in the same RFC 9457 shape as the rest of the API.
 */
public final class Problems {
    private Problems() {
    }

    public static void write(HttpServletResponse response, int status, String code, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyFilter.HEADER + "\"");
        }
        response.getOutputStream().write(("{\"type\":\"https://handoff.io/problems/" + code + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"" + quoted(detail) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A detail may name what the caller sent (a JSON pointer holding a quote, say): escaped, so the problem stays JSON. */
    private static String quoted(String detail) {
        StringBuilder out = new StringBuilder(detail.length() + 16);
        JsonStringEncoder.getInstance().quoteAsString(detail, out);
        return out.toString();
    }
}
