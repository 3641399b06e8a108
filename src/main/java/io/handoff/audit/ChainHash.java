package io.handoff.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain, starting from {@link #GENESIS}; the formats are documented for auditors in docs/audit.md.
 * <ul>
 * <li>Format 1 (rows written before V29): {@code hash = SHA-256(seq "\n" prevHash "\n" body)}.</li>
 * <li>Format 2: {@code hash = SHA-256("handoff-audit-record/2\n" seq "\n" prevHash "\n" column... body)}, each of the
 * twelve searchable columns (in {@link HashedColumns}' order) written as {@code <UTF-8 byte length>:<value>\n}, a null
 * as {@code -\n}. The prefix keeps the two formats apart: a format-1 input starts with a digit.</li>
 * <li>Format 3: as format 2 with the prefix {@code "handoff-audit-record/3\n"}, over the body as stored packed
 * ({@link PackedBody}: the zlib stream of its UTF-8 text), not over its text.</li>
 * </ul>
 */
public final class ChainHash {
    public static final String GENESIS = "0".repeat(64);
    public static final int FORMAT_BODY_ONLY = 1;
    public static final int FORMAT_COLUMNS_AND_BODY = 2;
    public static final int FORMAT_PACKED = 3;
    private static final byte[] V2_PREFIX = "handoff-audit-record/2\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V3_PREFIX = "handoff-audit-record/3\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_FIELD = "-\n".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    /** Format 1. */
    public static String of(long seq, String prevHash, String body) {
        return of(seq, prevHash, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Format 1, over the body's UTF-8 bytes (a caller that has them does not encode again). */
    public static String of(long seq, String prevHash, byte[] body) {
        MessageDigest digest = sha256();
        digest.update((seq + "\n" + prevHash + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return HEX.formatHex(digest.digest());
    }

    /** Format 2: seq, link, every searchable column and the body's stored bytes. */
    public static String of(long seq, String prevHash, HashedColumns columns, byte[] body) {
        return of(FORMAT_COLUMNS_AND_BODY, seq, prevHash, columns, body);
    }

    /** Format 2 or 3: seq, link, every searchable column and the body's stored bytes (its text, or packed). */
    static String of(int format, long seq, String prevHash, HashedColumns columns, byte[] body) {
        List<String> values = columns.inHashOrder();
        byte[][] bytes = new byte[values.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i) == null ? null : values.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return of(format, seq, prevHash, bytes, body);
    }

    /**
     * Format 2 or 3 over the columns' UTF-8 bytes as stored, in {@link HashedColumns}' order (null for a null column),
     * and the body's stored bytes.
     */
    static String of(int format, long seq, String prevHash, byte[][] columns, byte[] body) {
        if (format != FORMAT_COLUMNS_AND_BODY && format != FORMAT_PACKED) {
            throw new IllegalArgumentException("record format " + format + " does not hash columns");
        }
        // verify hashes every record through here: the digest and the header's buffer are reused per thread, and the
        // header (prefix, seq, link, the columns' fields) goes to the digest in one update
        Scratch scratch = SCRATCH.get();
        scratch.length = 0;
        scratch.put(format == FORMAT_PACKED ? V3_PREFIX : V2_PREFIX);
        scratch.putDecimal(seq);
        scratch.put((byte) '\n');
        scratch.putAscii(prevHash);
        scratch.put((byte) '\n');
        for (byte[] value : columns) {
            if (value == null) {
                scratch.put(NULL_FIELD);
            } else {
                scratch.putDecimal(value.length);
                scratch.put((byte) ':');
                scratch.put(value);
                scratch.put((byte) '\n');
            }
        }
        MessageDigest digest = scratch.digest;
        digest.reset();
        digest.update(scratch.bytes, 0, scratch.length);
        digest.update(body);
        return HEX.formatHex(digest.digest());
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A thread's digest and header buffer. */
    private static final class Scratch {
        final MessageDigest digest = sha256();
        byte[] bytes = new byte[1024];
        int length;

        void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }

        /** UTF-8, like every other part; a stored link is hex, so ASCII is the path taken. */
        void putAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    put(text.getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
        }

        void putDecimal(long value) {
            if (value < 0) {
                put((byte) '-');
                value = -value; // seqs and lengths are never Long.MIN_VALUE
            }
            ensure(20);
            int start = length;
            do {
                bytes[length++] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value > 0);
            for (int i = start, j = length - 1; i < j; i++, j--) {
                byte t = bytes[i];
                bytes[i] = bytes[j];
                bytes[j] = t;
            }
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
