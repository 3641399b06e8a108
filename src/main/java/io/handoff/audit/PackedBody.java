package io.handoff.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A format-3 record's stored body ({@code body_packed}): the body's UTF-8 JSON text as a zlib stream (RFC 1950:
 * DEFLATE at its fastest level, with the stream's Adler-32), a third of the text's size for a decision. The chain
 * hashes these stored bytes, so verifying a record neither inflates nor parses it and reads a third of the bytes;
 * readers inflate it. Any zlib tool reads it ({@code python3 -c 'import sys,zlib; ...'}, docs/audit.md). Packing is
 * done once, by the writer, on the caller's thread; nothing ever packs a body again to compare it (another zlib
 * build may pack the same text to other bytes, and that is fine: the hash covers the bytes that were stored).
 */
final class PackedBody {
    /**
     * The most a stored body may inflate to: far above any body the service writes (a contract is at most
     * {@code handoff.api.max-body-size}), low enough that a row rewritten to a zlib bomb cannot exhaust the heap.
     */
    static final int MAX_INFLATED = 64 << 20;
    /**
     * Idle deflaters, reused: each holds about 256 KB of native zlib state, so they are pooled (no more than the cores
     * can use at once are kept) rather than one per request thread.
     */
    private static final BlockingQueue<Deflater> IDLE = new ArrayBlockingQueue<>(2 * Runtime.getRuntime().availableProcessors());

    private PackedBody() {
    }

    /** The body's UTF-8 text, packed. */
    static byte[] pack(String body) {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = IDLE.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED);
        }
        try {
            deflater.setInput(text);
            deflater.finish();
            // zlib's bound for stored blocks: the input, 5 bytes per 16 KB block, header and trailer
            byte[] out = new byte[text.length + (text.length >> 12) + 64];
            int length = 0;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return Arrays.copyOf(out, length);
        } finally {
            deflater.reset();
            if (!IDLE.offer(deflater)) {
                deflater.end();
            }
        }
    }

    /** The body's UTF-8 text; {@link IllegalArgumentException} when the bytes are not a whole zlib stream within the cap. */
    static byte[] unpack(byte[] packed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_INFLATED, packed.length * 4));
            byte[] buffer = new byte[16 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished()) { // it needs input (or a dictionary) the bytes do not have
                    throw new IllegalArgumentException("the packed body is not a whole zlib stream");
                }
                if (out.size() + n > MAX_INFLATED) {
                    throw new IllegalArgumentException("the packed body inflates to more than " + MAX_INFLATED + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() > 0) {
                throw new IllegalArgumentException("the packed body has " + inflater.getRemaining() + " bytes after its zlib stream");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the packed body is not a zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
