package io.handoff.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import io.handoff.contract.UnpairedSurrogates;
import io.handoff.security.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every API request must be before anyone authenticates or parses it: a method the path has (else 405 with
 * {@code Allow}, whatever the caller's role), no content coding (a gzip body is 415 with {@code Accept-Encoding:
 * identity}, never parsed as JSON), a body within the cap (413, counted as it is read, whatever Content-Length said)
 * and, unless it is a ruleset zip (exactly {@code application/zip}), valid UTF-8 (an overlong {@code C0 AF} is 400, never
 * read as "/"; a NUL byte, which UTF-16 and UTF-32 text holds, is 400) whose JSON spells no half of a surrogate pair.
 */
final class RequestEdge extends OncePerRequestFilter {
    private static final JsonMapper SCAN = JsonMapper.builder().build();
    private record Mapping(PathPattern pattern, Set<String> methods) {
    }

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final long cap;
    private final long zipCap;
    private volatile List<Mapping> known;

    RequestEdge(ObjectProvider<RequestMappingHandlerMapping> mappings, long cap, long zipCap) {
        this.mappings = mappings;
        this.cap = cap;
        this.zipCap = zipCap;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Set<String> allowed = allowedMethods(request.getRequestURI().substring(request.getContextPath().length()));
        if (allowed != null && !allowed.contains(request.getMethod()) && !"OPTIONS".equals(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", allowed));
            Problems.write(response, 405, "method-not-allowed", "Method not allowed",
                    request.getMethod() + " is not an operation of this path; see the Allow header.");
            return;
        }
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
            response.setHeader("Accept-Encoding", "identity");
            Problems.write(response, 415, "unsupported-content-encoding", "Content-Encoding is not supported",
                    "Send the body uncompressed (no Content-Encoding); compressed bodies are not decoded.");
            return;
        }
        boolean zip = isZip(request.getContentType());
        long limit = zip ? zipCap : cap;
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        if (zip || (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null)) {
            chain.doFilter(request, response); // the zip reader caps its own reading
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            tooLarge(response, limit);
            return;
        }
        int bad = firstInvalidUtf8(body);
        if (bad >= 0) {
            Problems.write(response, 400, "malformed-json", "The body is not valid UTF-8",
                    "The body is not valid UTF-8 (invalid or overlong byte sequence at byte " + bad + ").");
            return;
        }
        int nul = firstNul(body);
        if (nul >= 0) { // ASCII in UTF-16 or UTF-32 is valid UTF-8 byte by byte, and Jackson would read it as such text
            Problems.write(response, 400, "malformed-json", "The body is not valid UTF-8",
                    "The body holds a NUL byte at byte " + nul + ": it is not UTF-8 text (UTF-16 and UTF-32 are refused; send UTF-8).");
            return;
        }
        String surrogate = unpairedSurrogate(body);
        if (surrogate != null) {
            Problems.write(response, 400, "malformed-json", "The body is not Unicode text", surrogate);
            return;
        }
        chain.doFilter(new Buffered(request, body), response);
    }

    /**
     * Why a JSON body must be refused for a string that spells half a UTF-16 surrogate pair ({@code "\\ud800"}), or null.
     * Every operation's body is checked here, before anyone reads it: such text has no UTF-8 form, so anything recorded
     * from it would not be what was received, and its exported record would fail offline verification.
     */
    static String unpairedSurrogate(byte[] body) {
        UnpairedSurrogates.Found found = UnpairedSurrogates.locate(SCAN, body);
        // null: none, or not JSON (or a field name the parser itself refuses): its reader refuses the body
        return found == null ? null : found.problem() + ". Nothing was recorded.";
    }

    /**
     * Exactly {@code application/zip} (with any parameters): the ruleset upload, read by its own capped zip reader. Not
     * {@code application/zip+json} or the like, which Spring's JSON reader accepts as JSON: those get every check here.
     */
    static boolean isZip(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equalsIgnoreCase(type.getType()) && "zip".equalsIgnoreCase(type.getSubtype());
        } catch (InvalidMediaTypeException unreadableParameters) { // "application/zip; charset=binary": the type still says zip
            return contentType.split(";", 2)[0].strip().equalsIgnoreCase("application/zip");
        }
    }

    /** The offset of the first NUL byte, or -1: JSON and form text never hold one raw, UTF-16 and UTF-32 text always does. */
    static int firstNul(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        Problems.write(response, 413, "payload-too-large", "The body is too large",
                new PayloadTooLargeException(limit).getMessage());
    }

    /** -1 when valid; else the offset of the first byte of an invalid or overlong sequence. */
    static int firstInvalidUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            decoder.decode(in);
            return -1;
        } catch (CharacterCodingException e) {
            return in.position();
        }
    }

    /** The methods of the mappings whose pattern matches the path; null when none does (a 404, or not the API). */
    private Set<String> allowedMethods(String path) {
        PathContainer container = PathContainer.parsePath(path);
        Set<String> methods = new TreeSet<>();
        boolean matched = false;
        for (Mapping mapping : mappings()) {
            if (mapping.pattern().matches(container)) {
                if (mapping.methods().isEmpty()) {
                    return null;
                }
                matched = true;
                methods.addAll(mapping.methods());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return matched ? methods : null;
    }

    private List<Mapping> mappings() {
        List<Mapping> current = known;
        if (current == null) {
            current = new ArrayList<>();
            for (RequestMappingInfo info : mappings.getObject().getHandlerMethods().keySet()) {
                if (info.getPathPatternsCondition() == null) {
                    continue;
                }
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                    current.add(new Mapping(pattern, methods));
                }
            }
            known = List.copyOf(current);
        }
        return current;
    }

    /** The request with its body already read (and checked), readable once more by whoever parses it. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // the whole body is already in memory: it is available at once, and then all read
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (java.io.IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
