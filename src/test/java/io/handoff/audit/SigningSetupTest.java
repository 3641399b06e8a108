package io.handoff.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the signing key comes from, and the prod profile's refusal to run without one of its own. */
class SigningSetupTest {
    @TempDir
    Path dir;

    @Test
    void productionRefusesToStartWithoutAConfiguredKeyOrSink() {
        assertThatThrownBy(() -> SigningSetup.from(properties(null, dir.resolve("sink"), true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refusing to start")
                .hasMessageContaining("handoff.audit.signing.key-file");
        Path key = dir.resolve("own/audit-signing.pem");
        SigningKeys.generate(key);
        assertThatThrownBy(() -> SigningSetup.from(properties(key, null, true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handoff.audit.signing.sink-dir");
        assertThat(SigningSetup.from(properties(key, dir.resolve("sink"), true)).signer().keyId())
                .isEqualTo(SigningKeys.keyId(SigningKeys.readPublic(dir.resolve("own/audit-signing.pub"))));
        assertThat(Files.exists(dir.resolve("dev"))).as("no development key is generated in production").isFalse();
    }

    @Test
    void developmentGeneratesAKeyOnFirstStartAndKeepsIt() {
        AuditSigning first = SigningSetup.from(properties(null, dir.resolve("sink"), false));
        assertThat(dir.resolve("dev/dev-audit-signing.pem")).isRegularFile();
        assertThat(dir.resolve("dev/dev-audit-signing.pub")).isRegularFile();
        AuditSigning second = SigningSetup.from(properties(null, dir.resolve("sink"), false));
        assertThat(second.signer().keyId()).isEqualTo(first.signer().keyId());
    }

    @Test
    void servicesStartingAtOnceShareOneDevelopmentKey() throws Exception {
        // two services of one JVM (TwoInstancesTest) and of two JVMs (the suite's forked services) start together
        java.util.concurrent.ExecutorService starts = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<String>> keys = starts.invokeAll(java.util.Collections.nCopies(6,
                    () -> SigningSetup.from(properties(null, dir.resolve("sink"), false)).signer().keyId()));
            String first = keys.get(0).get();
            for (java.util.concurrent.Future<String> key : keys) {
                assertThat(key.get()).isEqualTo(first);
            }
        } finally {
            starts.shutdownNow();
        }
    }

    @Test
    void aCheckpointVerifiesOnlyUnchangedAndOnlyWithItsKey() {
        CheckpointSigner signer = SigningKeys.generate(dir.resolve("a.pem"));
        CheckpointSigner other = SigningKeys.generate(dir.resolve("b.pem"));
        SignedCheckpoint c = signer.sign(42, "ab".repeat(32), Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(c.signedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
        assertThat(CheckpointSigner.verifies(c, signer.publicKey())).isTrue();
        assertThat(CheckpointSigner.verifies(c, other.publicKey())).isFalse();
        assertThat(CheckpointSigner.verifies(new SignedCheckpoint(43, c.hash(), c.signedAt(), c.keyId(), c.signature()),
                signer.publicKey())).isFalse();
        assertThat(FileCheckpointSink.parse(FileCheckpointSink.toJson(c), "test")).isEqualTo(c);
    }

    @Test
    void aKeyWithoutItsPublicHalfIsRefused() throws Exception {
        Path key = dir.resolve("lonely.pem");
        SigningKeys.generate(key);
        Files.delete(dir.resolve("lonely.pub"));
        assertThatThrownBy(() -> SigningKeys.load(key)).hasMessageContaining("lonely.pub");
    }

    private SigningProperties properties(Path key, Path sink, boolean production) {
        return new SigningProperties(key, sink, dir.resolve("dev"), 1000, Duration.ofSeconds(60), production, List.of());
    }
}
