package io.handoff.ruleset;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance on the shared active ruleset: one thread that, on PostgreSQL, LISTENs on the schema's
 * channel (a promotion elsewhere arrives within milliseconds of its commit) and, on any shared database, reads
 * the pointer every interval as the fallback; on an embedded H2 file no other process can move it, so the
 * thread does not run. A "passed" announcement makes it compile that candidate in the background,
 * so a later promotion is only a swap here.
 */
public final class RulesetSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RulesetSync.class);

    private final RulesetLifecycle lifecycle;
    private final ActivePointer pointer;
    private final RulesetHistory history;
    private long lastEventSeen;
    private final DataSource dataSource;
    private final SyncProperties properties;
    private final Thread thread;
    private final ExecutorService prefetcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16),
            new ThreadPoolExecutor.DiscardPolicy());
    private volatile boolean running = true;
    private volatile long lastFailureLog;

    public RulesetSync(RulesetLifecycle lifecycle, ActivePointer pointer, RulesetHistory history, DataSource dataSource,
                       SyncProperties properties) {
        this.lifecycle = lifecycle;
        this.pointer = pointer;
        this.history = history;
        this.lastEventSeen = history.lastId();
        this.dataSource = dataSource;
        this.properties = properties;
        this.thread = new Thread(this::run, "ruleset-sync");
        this.thread.setDaemon(true);
        if (pointer.shared()) {
            this.thread.start();
        } else {
            log.info("embedded database: this process alone can change the active ruleset; not polling for changes");
        }
    }

    private void run() {
        while (running) {
            try {
                if (pointer.postgres() && properties.listen()) {
                    listen();
                } else {
                    catchUp();
                    Thread.sleep(properties.interval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                failed(e);
                pause();
            }
        }
    }

    /** Holds one connection in LISTEN; every wake-up (a notification or the interval passing) reads the pointer. */
    private void listen() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN \"" + pointer.channel() + "\"");
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            log.info("following the active ruleset on channel {} (and reading it every {})", pointer.channel(), properties.interval());
            catchUp();
            while (running) {
                PGNotification[] notifications = pg.getNotifications((int) Math.max(1, properties.interval().toMillis()));
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        String payload = notification.getParameter();
                        if (payload != null && payload.startsWith("passed:")) {
                            prefetch(payload.substring("passed:".length()));
                        }
                    }
                }
                catchUp();
            }
        }
    }

    /**
     * Reads the pointer and follows it when another instance moved it; compiles, in the background, candidates
     * that passed elsewhere since the last look (the polling twin of the "passed" notification).
     */
    void catchUp() {
        pointer.read().ifPresent(state -> {
            if (state.generation() > lifecycle.generation()) {
                lifecycle.follow(state);
            }
        });
        for (RulesetHistory.Event passed : history.passedAfter(lastEventSeen)) {
            prefetch(passed.version());
            lastEventSeen = passed.id();
        }
    }

    private void prefetch(String version) {
        prefetcher.submit(() -> lifecycle.prefetch(version));
    }

    private void failed(Exception e) {
        long now = System.currentTimeMillis();
        if (running && now - lastFailureLog > 30_000) {
            lastFailureLog = now;
            log.warn("could not follow the shared active ruleset (retrying every {}): {}", properties.interval(), e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.interval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        prefetcher.shutdownNow();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
