package io.handoff.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;

/** Reads a request body up to a cap, refusing early on a declared Content-Length over it. */
final class BodyReader {
    private final long cap;

    BodyReader(ApiProperties properties) {
        this(properties.maxBodySize().toBytes());
    }

    BodyReader(long cap) {
        this.cap = cap;
    }

    byte[] read(HttpServletRequest request) {
        if (request.getContentLengthLong() > cap) {
            throw new PayloadTooLargeException(cap);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (body.length > cap) {
                throw new PayloadTooLargeException(cap);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }
}
