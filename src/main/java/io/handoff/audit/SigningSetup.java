package io.handoff.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@link SigningProperties} into the log's {@link AuditSigning}: the configured key, or a development key. */
public final class SigningSetup {
    static final String DEV_KEY_FILE = "dev-audit-signing.pem";
    private static final Logger log = LoggerFactory.getLogger(SigningSetup.class);

    private SigningSetup() {
    }

    /** Throws {@link IllegalStateException} (startup fails) when the prod profile finds no key or sink of its own. */
    public static AuditSigning from(SigningProperties properties) {
        String problem = properties.productionProblem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        CheckpointSigner signer = properties.keyFile() != null ? SigningKeys.load(properties.keyFile()) : developmentKey(properties);
        Path sinkDir = properties.sinkDirOrDefault();
        if (properties.sinkDir() == null) {
            log.warn("Audit checkpoints go to {} beside the database; set handoff.audit.signing.sink-dir to an append-only place "
                    + "the database's administrators cannot write, or the anchor proves nothing against them.", sinkDir);
        }
        log.info("audit checkpoints signed with key {} every {} records or {}, appended to {}", signer.keyId().substring(0, 16),
                properties.everyRecords(), properties.every(), sinkDir.resolve(FileCheckpointSink.FILE));
        return new AuditSigning(signer, new FileCheckpointSink(sinkDir), properties.everyRecords(), properties.every(),
                properties.previousPublicKeys().stream().map(SigningKeys::readPublic).toList());
    }

    private static CheckpointSigner developmentKey(SigningProperties properties) {
        Path file = properties.devKeyDir().resolve(DEV_KEY_FILE);
        boolean exists;
        CheckpointSigner signer;
        // several services (tests, a second instance) may start at once on one key directory: one generates the
        // pair while the others wait, or each would write its own half of a pair. A file lock orders processes; it
        // is held per JVM, so services of one JVM also take the class lock first
        synchronized (SigningSetup.class) {
            try {
                Files.createDirectories(properties.devKeyDir());
                try (FileChannel channel = FileChannel.open(properties.devKeyDir().resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                    exists = Files.isRegularFile(file) && Files.isRegularFile(SigningKeys.publicKeyFileOf(file));
                    signer = exists ? SigningKeys.load(file) : SigningKeys.generate(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the development signing key in " + properties.devKeyDir(), e);
            }
        }
        log.warn("{} a DEVELOPMENT audit signing key at {} (public key {}): no handoff.audit.signing.key-file is configured. "
                + "The prod profile refuses to start without one.", exists ? "Using" : "Generated", file.toAbsolutePath(),
                SigningKeys.publicKeyFileOf(file).toAbsolutePath());
        return signer;
    }
}
