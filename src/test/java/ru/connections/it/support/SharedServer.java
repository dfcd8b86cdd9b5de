package ru.connections.it.support;

/**
 * One server per test run and database kind, started on first use and stopped when the test JVM
 * ends, so test classes that need no special configuration do not each pay for a start.
 * Tests on it use their own fresh accounts and never assume an empty database.
 */
public final class SharedServer {

    /** The administrator's password on the shared server (JMX over REST). */
    public static final String ADMIN_PASSWORD = "it-admin-password";

    private static LibertyServer server;
    private static TestDatabase database;

    private SharedServer() {
    }

    public static synchronized LibertyServer get() {
        if (server == null) {
            database = TestDatabase.fresh("shared_" + TestDatabase.currentKind());
            server = LibertyServer.create("it-shared-" + TestDatabase.currentKind(), database.serverSettings())
                    .set("EVOTOR_SANDBOX_ENABLED", "true")
                    // Shorter than the simulated Evotor's hang, so timeouts are tested in seconds.
                    .set("EVOTOR_READ_TIMEOUT_MS", "3000")
                    // Statuses here change only when a test says so; the health checker has its own tests.
                    .set("HEALTH_CHECK_ENABLED", "false")
                    .set("ADMIN_ENABLED", "on")
                    .set("ADMIN_PASSWORD", ADMIN_PASSWORD);
            server.startReady();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static synchronized TestDatabase database() {
        get();
        return database;
    }
}
