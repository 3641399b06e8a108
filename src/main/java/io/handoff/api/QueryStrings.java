package io.handoff.api;

import io.handoff.security.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.Parameters;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The edge's reading of a raw query string before anyone parses it: every name and value must be percent-encoded UTF-8
 * text without NUL, and there are at most {@link #MAX_PARAMETERS} of them. Tomcat's own parser throws on the rest
 * (a bare {@code %}, {@code %FF}, an encoded surrogate {@code %ED%A0%80}, too many parameters), and what it throws
 * reached the caller as a 500 (an HTML one on console pages); here it is {@code 400 bad-query}, naming the parameter,
 * on every path (API, console, actuator) and before authentication.
 */
final class QueryStrings extends OncePerRequestFilter {
    /** Tomcat's default cap ({@code server.tomcat.max-parameter-count}). */
    static final int MAX_PARAMETERS = 1000;

    private final int maxParameters;

    /** {@code maxParameters}: the container's own cap, so that what passes here its parser takes. */
    QueryStrings(int maxParameters) {
        this.maxParameters = maxParameters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String problem = query == null ? null : problem(query, maxParameters);
        if (problem != null) {
            Problems.write(response, 400, "bad-query", "The query string cannot be read", problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Why the raw query string {@code raw} (as received, still percent-encoded) is refused, or null when it is not:
     * first this class's own reading, which names the parameter and what is wrong with it, then Tomcat's parser itself
     * (the one every later {@code getParameter} runs), so that nothing it would throw on gets past.
     */
    static String problem(String raw, int maxParameters) {
        String named = named(raw, maxParameters);
        if (named != null) {
            return named;
        }
        Parameters tomcat = new Parameters();
        tomcat.setCharset(StandardCharsets.UTF_8);
        tomcat.setLimit(maxParameters);
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        try {
            tomcat.processParameters(bytes, 0, bytes.length);
        } catch (InvalidParameterException e) {
            return "The query string cannot be read as parameters: send name=value pairs, percent-encoded UTF-8, joined by '&'.";
        }
        return null;
    }

    static String problem(String raw) {
        return problem(raw, MAX_PARAMETERS);
    }

    private static String named(String raw, int maxParameters) {
        int number = 0;
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            number++;
            if (number > maxParameters) {
                return "The query string has more than " + maxParameters + " parameters.";
            }
            int equals = pair.indexOf('=');
            if (equals == 0) {
                return "Parameter " + number + " has no name (it starts with '='): send name=value.";
            }
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = text(rawName);
            String which = name == null ? "parameter " + number + " (its name cannot be read)"
                    : "parameter " + number + " '" + shortened(name) + "'";
            String nameProblem = partProblem(rawName);
            if (nameProblem != null) {
                return "The name of " + which + " " + nameProblem;
            }
            if (equals >= 0) {
                String valueProblem = partProblem(pair.substring(equals + 1));
                if (valueProblem != null) {
                    return "The value of " + which + " " + valueProblem;
                }
            }
        }
        return null;
    }

    private static String partProblem(String encoded) {
        byte[] bytes = decode(encoded);
        if (bytes == null) {
            return "holds a '%' not followed by two hex digits: encode a literal '%' as %25.";
        }
        int bad = RequestEdge.firstInvalidUtf8(bytes);
        if (bad >= 0) {
            return "is not UTF-8 once percent-decoded (invalid, overlong or surrogate byte sequence at byte " + bad
                    + "): encode text as UTF-8.";
        }
        if (RequestEdge.firstNul(bytes) >= 0) {
            return "holds an encoded NUL (%00), which no parameter takes.";
        }
        return null;
    }

    /** The percent-decoded bytes ('+' stays as it is: it is valid either way), or null for a malformed escape. */
    private static byte[] decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                // Tomcat hands the raw query over byte for byte (ISO-8859-1) and decodes parameters as UTF-8 bytes
                byte[] literal = c <= 0xFF ? new byte[] {(byte) c} : String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(literal, 0, literal.length);
                continue;
            }
            if (i + 2 >= encoded.length()) {
                return null;
            }
            char high = encoded.charAt(i + 1);
            char low = encoded.charAt(i + 2);
            if (!HexFormat.isHexDigit(high) || !HexFormat.isHexDigit(low)) {
                return null;
            }
            out.write(HexFormat.fromHexDigit(high) * 16 + HexFormat.fromHexDigit(low));
            i += 2;
        }
        return out.toByteArray();
    }

    private static String text(String encoded) {
        byte[] bytes = decode(encoded);
        return bytes == null || RequestEdge.firstInvalidUtf8(bytes) >= 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String shortened(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(60).forEach(cp -> shown.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return name.codePointCount(0, name.length()) > 60 ? shown + "..." : shown.toString();
    }
}
