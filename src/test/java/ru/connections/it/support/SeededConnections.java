package ru.connections.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import ru.connections.platform.TokenCipher;

/** Evotor connections written straight into PostgreSQL as the app would have saved them, due for a check now. */
public final class SeededConnections {

    public static final TokenCipher CIPHER = new TokenCipher(Base64.getDecoder().decode(TestDatabase.TEST_TOKEN_KEY));

    private SeededConnections() {
    }

    /** A new user with one connection for {@code token}; returns the connection's id. */
    public static long seed(TestDatabase db, String token) throws SQLException {
        try (Connection c = db.connect()) {
            long userId;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (email, password_hash, created_at)"
                    + " VALUES (?, 'not-a-hash', ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, "seed-" + UUID.randomUUID() + "@example.com");
                s.setTimestamp(2, utc(Instant.now()));
                s.executeUpdate();
                userId = generated(s);
            }
            return insert(c, userId, token);
        }
    }

    /** A connection for {@code token} owned by an existing user; returns its id. */
    public static long insert(Connection c, long userId, String token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO evotor_connections (user_id, access_token,"
                + " store_name, store_count, is_online, created_at, updated_at) VALUES (?, ?, 'Магазин', 1, TRUE, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, userId);
            s.setString(2, seal(token, userId));
            s.setTimestamp(3, utc(Instant.now()));
            s.setTimestamp(4, utc(Instant.now()));
            s.executeUpdate();
            return generated(s);
        }
    }

    /** The access token as the app stores it for this user, with the key the test servers use. */
    public static String seal(String token, long userId) {
        return CIPHER.encrypt(token, "evotor:" + userId + ":access");
    }

    public static String unseal(String stored, long userId) {
        return CIPHER.decrypt(stored, "evotor:" + userId + ":access");
    }

    /** Timestamps are stored in UTC. */
    public static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static long generated(PreparedStatement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
