package io.handoff.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error page for what Tomcat refuses before Spring sees the request (a {@code %00} in the path, a malformed
 * request line): the same problem+json as every other answer, instead of Tomcat's HTML.
 */
public final class ProblemReportValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = status == 400 ? "bad-request" : "http-" + status;
        String body = "{\"type\":\"" + ProblemHandler.TYPE_BASE + code + "\",\"title\":\"The request was refused\",\"status\":"
                + status + ",\"code\":\"" + code + "\",\"detail\":\"The server cannot read this request: check the path for "
                + "encoded control characters such as %00, and the request line for bytes outside ASCII (percent-encode them as "
                + "UTF-8).\"}";
        try {
            response.resetBuffer(true);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more can be said
        }
    }
}
