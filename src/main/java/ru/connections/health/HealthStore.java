package ru.connections.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The health checker's writes, in JDBC batches: one round trip updates a whole page of connections,
 * one more inserts their history rows, in one short transaction with nothing else in it.
 */
@ApplicationScoped
public class HealthStore {

    private static final String UPDATE = "UPDATE evotor_connections SET is_online = ?, last_checked_at = ?,"
            + " next_check_at = ?, failure_reason = ?, failures_in_row = ?, last_latency_ms = ?,"
            + " status_changed_at = ?, access_token = ?, token_expires_at = COALESCE(?, token_expires_at),"
            + " refresh_token = COALESCE(?, refresh_token)"
            + " WHERE id = ? AND access_token = ?";
    private static final String HISTORY = "INSERT INTO connection_checks"
            + " (connection_id, checked_at, outcome, latency_ms, http_status) VALUES (?, ?, ?, ?, ?)";

    @Resource(lookup = "jdbc/connections")
    private DataSource dataSource;

    /** A probe's result with the decision taken on it. */
    record Write(ProbeResult result, StatusPolicy.Decision decision, boolean recordHistory) {
    }

    /**
     * Writes a page of results; returns how many were applied. A connection removed or reconnected
     * since it was read (its stored token differs) is left alone, history included.
     */
    int write(List<Write> writes) throws SQLException {
        if (writes.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int[] updated;
                try (PreparedStatement update = c.prepareStatement(UPDATE)) {
                    for (Write w : writes) {
                        ProbeResult r = w.result();
                        StatusPolicy.State s = w.decision().state();
                        update.setBoolean(1, s.online());
                        timestamp(update, 2, r.checkedAt());
                        timestamp(update, 3, w.decision().nextCheckAt());
                        update.setString(4, s.reason());
                        update.setInt(5, s.failuresInRow());
                        update.setInt(6, (int) Math.min(Integer.MAX_VALUE, r.latencyMs()));
                        timestamp(update, 7, s.statusChangedAt());
                        update.setString(8, r.refreshed() != null ? r.refreshed().accessToken() : r.guardToken());
                        timestamp(update, 9, r.refreshed() != null ? r.refreshed().expiresAt() : null);
                        update.setString(10, r.refreshed() != null ? r.refreshed().refreshToken() : null);
                        update.setLong(11, r.connectionId());
                        update.setString(12, r.guardToken());
                        update.addBatch();
                    }
                    updated = update.executeBatch();
                }
                int applied = 0;
                try (PreparedStatement history = c.prepareStatement(HISTORY)) {
                    int pending = 0;
                    for (int i = 0; i < writes.size(); i++) {
                        // SUCCESS_NO_INFO (-2) means applied with the count unknown.
                        boolean done = updated[i] > 0 || updated[i] == java.sql.Statement.SUCCESS_NO_INFO;
                        if (!done) {
                            continue;
                        }
                        applied++;
                        if (!writes.get(i).recordHistory()) {
                            continue;
                        }
                        ProbeResult r = writes.get(i).result();
                        history.setLong(1, r.connectionId());
                        timestamp(history, 2, r.checkedAt());
                        history.setString(3, r.outcome().code());
                        history.setInt(4, (int) Math.min(Integer.MAX_VALUE, r.latencyMs()));
                        if (r.httpStatus() > 0) {
                            history.setInt(5, r.httpStatus());
                        } else {
                            history.setNull(5, Types.INTEGER);
                        }
                        history.addBatch();
                        pending++;
                    }
                    if (pending > 0) {
                        history.executeBatch();
                    }
                }
                c.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Marks the connection as being checked now, unless it was checked after {@code notAfter};
     * false when someone else checked it within the gap.
     */
    boolean claimCheck(long connectionId, Instant now, Instant notAfter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE evotor_connections SET last_checked_at = ? WHERE id = ?"
                        + " AND (last_checked_at IS NULL OR last_checked_at <= ?)")) {
            timestamp(s, 1, now);
            s.setLong(2, connectionId);
            timestamp(s, 3, notAfter);
            return s.executeUpdate() == 1;
        }
    }

    /** Remembers a completed tick, for liveness and metrics on every server, and for the outage banner. */
    void recordTick(SweepReport report, Instant finishedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO health_ticks (finished_at, due_count, checked, online_count, offline_count,"
                        + " needs_reconnect, rate_limited, duration_ms, outage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            timestamp(s, 1, finishedAt);
            s.setInt(2, report.due());
            s.setInt(3, report.checked());
            s.setInt(4, report.online());
            s.setInt(5, report.offline());
            s.setInt(6, report.needsReconnect());
            s.setInt(7, report.rateLimited());
            s.setLong(8, report.durationMs());
            s.setBoolean(9, report.outage());
            s.executeUpdate();
        }
    }

    /** The last completed tick: when it finished and whether Evotor was unreachable from here. */
    public Optional<LastTick> lastTick() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT finished_at, outage FROM health_ticks ORDER BY finished_at DESC")) {
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LastTick(instant(rs.getTimestamp(1)), rs.getBoolean(2)));
            }
        }
    }

    /** When the last tick finished and whether it found Evotor unreachable. */
    public record LastTick(Instant finishedAt, boolean outage) {
    }

    /** Drops history and tick rows older than the retention. */
    int prune(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement checks = c.prepareStatement("DELETE FROM connection_checks WHERE checked_at < ?");
             PreparedStatement ticks = c.prepareStatement("DELETE FROM health_ticks WHERE finished_at < ?")) {
            timestamp(checks, 1, before);
            timestamp(ticks, 1, before);
            return checks.executeUpdate() + ticks.executeUpdate();
        }
    }

    /** Connections by status, for the metrics gauge: [online, offline]. */
    long[] countByStatus() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT is_online, COUNT(*) FROM evotor_connections GROUP BY is_online");
             ResultSet rs = s.executeQuery()) {
            long[] counts = new long[2];
            while (rs.next()) {
                counts[rs.getBoolean(1) ? 0 : 1] = rs.getLong(2);
            }
            return counts;
        }
    }

    /** UTC wall-clock, as {@link ru.connections.platform.UtcInstantConverter} stores every instant. */
    private static void timestamp(PreparedStatement s, int index, Instant instant) throws SQLException {
        if (instant == null) {
            s.setNull(index, Types.TIMESTAMP);
        } else {
            s.setTimestamp(index, Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

}
