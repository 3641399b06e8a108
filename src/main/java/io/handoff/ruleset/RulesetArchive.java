package io.handoff.ruleset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.audit.CanonicalJson;
import io.handoff.engine.Ruleset;
import io.handoff.engine.SourceFile;

/**
 * Keeps the exact sources of every ruleset version that decided something, content-addressed (a file shared
 * by versions is stored once), so any recorded decision can be replayed on the version that made it.
 */
public final class RulesetArchive implements io.handoff.decision.ArchivedSources {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public RulesetArchive(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Stores the version's sources unless already stored; safe to call from several instances at once. */
    public void store(Ruleset ruleset, Instant now) {
        if (contains(ruleset.version())) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                for (SourceFile source : ruleset.sources()) {
                    String sha = CanonicalJson.sha256(source.content());
                    if (jdbc.queryForObject("SELECT COUNT(*) FROM source_blob WHERE sha256 = ?", Integer.class, sha) == 0) {
                        jdbc.update("INSERT INTO source_blob (sha256, content) VALUES (?, ?)", sha,
                                Base64.getEncoder().encodeToString(source.content()));
                    }
                    jdbc.update("INSERT INTO ruleset_source (version, path, sha256) VALUES (?, ?, ?)",
                            ruleset.version(), source.path(), sha);
                }
                jdbc.update("INSERT INTO ruleset_version (version, first_used, source_count) VALUES (?, ?, ?)",
                        ruleset.version(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), ruleset.sources().size());
            });
        } catch (DuplicateKeyException e) {
            // another instance stored the same version at the same moment: the content is identical by construction
        }
    }

    public boolean contains(String version) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ruleset_version WHERE version = ?", Integer.class, version) > 0;
    }

    @Override
    public Optional<List<SourceFile>> load(String version) {
        if (!contains(version)) {
            return Optional.empty();
        }
        return Optional.of(jdbc.query("SELECT s.path, b.content FROM ruleset_source s JOIN source_blob b ON b.sha256 = s.sha256 "
                        + "WHERE s.version = ? ORDER BY s.path",
                (rs, n) -> new SourceFile(rs.getString(1), Base64.getDecoder().decode(rs.getString(2))), version));
    }
}
