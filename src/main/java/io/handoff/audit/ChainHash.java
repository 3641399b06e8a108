package io.handoff.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash chain: {@code hash = SHA-256(seq + "\n" + prevHash + "\n" + body)}, starting from {@link #GENESIS}. */
public final class ChainHash {
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(long seq, String prevHash, String body) {
        return of(seq, prevHash, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same, over the body's UTF-8 bytes (a caller that needs them anyway encodes once). */
    public static String of(long seq, String prevHash, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((seq + "\n" + prevHash + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
