package ru.connections.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SharedServer;
import ru.connections.it.support.TestDatabase;

/** Readiness is DOWN until the schema is migrated and the database answers; liveness is UP throughout. */
class ReadinessIT {

    @Test
    void downWhileTheDatabaseIsMissingUpOnceItAppearsAndIsMigrated() {
        assumeTrue(TestDatabase.isPostgres(), "a missing database can only be staged on PostgreSQL");
        TestDatabase database = TestDatabase.postgresNotCreated("readiness");
        try (LibertyServer server = LibertyServer.create("it-readiness", database.serverSettings())
                .set("DB_MIGRATION_RETRY_SECONDS", "1")) {
            server.start();
            assertEquals(503, server.healthStatus("/health/ready"), "DOWN before migration");
            assertEquals(200, server.healthStatus("/health/live"));

            database.create();
            server.awaitReady(Duration.ofSeconds(30));
            assertEquals(0, database.queryLong("SELECT count(*) FROM users"), "the users table now exists");
            assertEquals(200, server.healthStatus("/health/live"));
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
