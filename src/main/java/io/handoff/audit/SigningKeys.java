package io.handoff.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 key files: the private key as PKCS#8 (PEM {@code PRIVATE KEY}, or DER), the public key beside it as
 * X.509 (PEM {@code PUBLIC KEY}, or DER) with the extension {@code .pub}. JDK only, no extra provider.
 */
public final class SigningKeys {
    private SigningKeys() {
    }

    /** {@code audit-signing.pem} -> {@code audit-signing.pub}; a name without extension gets {@code .pub} appended. */
    public static Path publicKeyFileOf(Path privateKeyFile) {
        String name = privateKeyFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return privateKeyFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".pub");
    }

    public static CheckpointSigner load(Path privateKeyFile) {
        Path publicKeyFile = publicKeyFileOf(privateKeyFile);
        if (!Files.isRegularFile(publicKeyFile)) {
            throw new IllegalStateException("the public key of the audit signing key is missing: expected " + publicKeyFile);
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(read(privateKeyFile)));
            return new CheckpointSigner(privateKey, readPublic(publicKeyFile));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an Ed25519 PKCS#8 private key: " + privateKeyFile + " (" + e.getMessage() + ")", e);
        }
    }

    public static PublicKey readPublic(Path publicKeyFile) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(read(publicKeyFile)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 X.509 public key: " + publicKeyFile + " (" + e.getMessage() + ")", e);
        }
    }

    /** Generates a key pair and writes both files (the private one readable by its owner only, where the file system allows). */
    public static CheckpointSigner generate(Path privateKeyFile) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
            Files.writeString(privateKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions are all there is
            }
            Files.writeString(publicKeyFileOf(privateKeyFile), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new CheckpointSigner(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the audit signing key to " + privateKeyFile, e);
        }
    }

    /** SHA-256 (hex) of the public key's X.509 encoding: names the key in every checkpoint it signed. */
    public static String keyId(PublicKey key) {
        return CanonicalJson.sha256(key.getEncoded());
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** PEM (any one block) or DER. */
    private static byte[] read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (!text.startsWith("-----BEGIN ")) {
                return bytes;
            }
            String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read key file " + file, e);
        }
    }
}
