package ru.connections.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SharedServer;
import ru.connections.it.support.TestDatabase;

/**
 * Readiness is DOWN until the schema is migrated and the database answers. A database that is missing
 * at start keeps the application from starting (Liberty must store the persistent timer), so the
 * startup probe stays DOWN too and an orchestrator restarts the server; after that it is ready.
 */
class ReadinessIT {

    @Test
    void downWhileTheDatabaseIsMissingUpOnceItAppearsAndIsMigrated() {
        assumeTrue(TestDatabase.isPostgres(), "a missing database can only be staged on PostgreSQL");
        TestDatabase database = TestDatabase.postgresNotCreated("readiness");
        try (LibertyServer server = LibertyServer.create("it-readiness", database.serverSettings())) {
            server.start();
            assertEquals(503, server.healthStatus("/health/ready"), "DOWN before migration");
            assertEquals(503, server.healthStatus("/health/started"), "the startup probe says so too");

            database.create();
            server.stop();
            server.start();
            server.awaitReady(Duration.ofSeconds(60));
            assertEquals(0, database.queryLong("SELECT count(*) FROM users"), "the users table now exists");
            assertEquals(200, server.healthStatus("/health/live"));
            assertEquals(200, server.healthStatus("/health/started"));
        } finally {
            database.drop();
        }
    }

    @Test
    void upOnTheSharedServerOnceMigrated() {
        LibertyServer server = SharedServer.get();
        assertEquals(200, server.healthStatus("/health/ready"));
        assertEquals(200, server.healthStatus("/health/live"));
    }
}
