package io.handoff;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * On H2, makes every committed transaction durable before its caller goes on: H2 writes its store file in a
 * background thread every WRITE_DELAY, and {@code CHECKPOINT} writes it now. So a decision acknowledged to a caller,
 * a promotion, a created key survive the process being killed. (WRITE_DELAY=0 would write at every commit too, but
 * then H2 runs no background thread at all and never compacts its file: every commit appended a whole new chunk
 * and the file grew by ~25 KB per decision, forever.) PostgreSQL's commit is durable already: nothing to do.
 * Spring Boot hands every such listener to the transaction manager it configures.
 */
public final class H2Durability implements TransactionExecutionListener {
    private final JdbcTemplate jdbc;
    private final boolean h2;

    public H2Durability(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.h2 = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getURL().startsWith("jdbc:h2:")));
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
        if (h2 && commitFailure == null) {
            jdbc.execute("CHECKPOINT");
        }
    }
}
