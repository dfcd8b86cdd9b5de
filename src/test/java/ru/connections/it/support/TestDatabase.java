package ru.connections.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The database a test server runs on: a fresh PostgreSQL database on this machine's server
 * (127.0.0.1:5432, trust auth), or the embedded Derby default, which needs no settings at all.
 */
public final class TestDatabase {

    public static final String PG_HOST = System.getProperty("it.pg.host", "127.0.0.1");
    public static final String PG_PORT = System.getProperty("it.pg.port", "5432");
    public static final String PG_USER = System.getProperty("it.pg.user", "postgres");

    /** A fixed key, so tests can decrypt what the server stored. Never used outside tests. */
    public static final String TEST_TOKEN_KEY = "dGVzdC1vbmx5LXRva2VuLWtleS0wMTIzNDU2Nzg5YWI=";

    private final String kind;
    private final String name;

    private TestDatabase(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /** The database kind this test run is for: {@code -Dit.db=postgresql|derby}. */
    public static String currentKind() {
        return System.getProperty("it.db", "postgresql");
    }

    public static boolean isPostgres() {
        return "postgresql".equals(currentKind());
    }

    /** A database of the current kind; for PostgreSQL, an empty one named {@code it_<name>}. */
    public static TestDatabase fresh(String name) {
        TestDatabase db = new TestDatabase(currentKind(), "it_" + name.toLowerCase().replaceAll("[^a-z0-9_]", "_"));
        if (db.isPostgresKind()) {
            db.drop();
            db.admin("CREATE DATABASE " + db.name);
        }
        return db;
    }

    /** A PostgreSQL database name that does not exist yet. */
    public static TestDatabase postgresNotCreated(String name) {
        TestDatabase db = new TestDatabase("postgresql", "it_" + name);
        db.drop();
        return db;
    }

    /** The database's name in PostgreSQL. */
    public String name() {
        return name;
    }

    public void create() {
        admin("CREATE DATABASE " + name);
    }

    public void drop() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public boolean isPostgresKind() {
        return "postgresql".equals(kind);
    }

    /** The server.env settings that point a server at this database. */
    public Map<String, String> serverSettings() {
        if (!isPostgresKind()) {
            return Map.of();
        }
        return Map.of("DB_KIND", "postgresql", "DB_HOST", PG_HOST, "DB_PORT", PG_PORT,
                "DB_NAME", name, "DB_USER", PG_USER, "DB_PASSWORD", "unused-with-trust-auth",
                // production configuration: the token key must be given
                "TOKEN_KEY", TEST_TOKEN_KEY);
    }

    public Connection connect() throws SQLException {
        if (!isPostgresKind()) {
            throw new IllegalStateException("embedded Derby belongs to the running server; check through the app");
        }
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + name, PG_USER, "");
    }

    /** The single long value a query returns. */
    public long queryLong(String sql, Object... parameters) {
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an UPDATE or DELETE as the health checker or an operator would; returns the rows changed. */
    public int update(String sql, Object... parameters) {
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres",
                PG_USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
