package io.handoff.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed checkpoints of the chain ({@code handoff.audit.signing.*}, docs/audit.md). {@code key-file}: the Ed25519
 * private key (PKCS#8, PEM or DER) with its public key beside it as {@code .pub}; without one a development key is
 * generated under {@code dev-key-dir}, which {@code refuse-development-key=true} (the prod profile) forbids, together
 * with a sink left in its default place next to the database. {@code sink-dir}: the append-only directory that
 * receives every checkpoint as a JSON line. A checkpoint is signed once {@code every-records} records or
 * {@code every} have passed since the last one (if the chain moved), and on shutdown. {@code previous-public-keys}:
 * public keys of rotated-out signing keys, still trusted for the checkpoints they signed.
 */
@ConfigurationProperties("handoff.audit.signing")
public record SigningProperties(
        Path keyFile,
        Path sinkDir,
        @DefaultValue("./data/audit-signing") Path devKeyDir,
        @DefaultValue("1000") int everyRecords,
        @DefaultValue("60s") Duration every,
        @DefaultValue("false") boolean refuseDevelopmentKey,
        List<Path> previousPublicKeys) {
    public static final Path DEFAULT_SINK_DIR = Path.of("./data/audit-checkpoints");

    public SigningProperties {
        if (everyRecords < 1 || every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("handoff.audit.signing: every-records must be >= 1 and every positive");
        }
        previousPublicKeys = previousPublicKeys == null ? List.of() : List.copyOf(previousPublicKeys);
    }

    /**
     * Refuses a setup that proves nothing in production: no key of one's own, or checkpoints kept beside the
     * database. Null when acceptable, else why not.
     */
    public String productionProblem() {
        if (!refuseDevelopmentKey) {
            return null;
        }
        if (keyFile == null) {
            return "refusing to start: no audit signing key is configured (handoff.audit.signing.key-file); "
                    + "the prod profile does not generate a development key";
        }
        if (sinkDir == null) {
            return "refusing to start: no external checkpoint sink is configured (handoff.audit.signing.sink-dir); "
                    + "checkpoints next to the database anchor nothing";
        }
        return null;
    }

    public Path sinkDirOrDefault() {
        return sinkDir == null ? DEFAULT_SINK_DIR : sinkDir;
    }
}
