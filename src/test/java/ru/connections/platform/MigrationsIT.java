package ru.connections.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;

/** Flyway at start: an empty database is migrated once; a restart migrates nothing and keeps the data. */
class MigrationsIT {

    @Test
    void migratesAnEmptyDatabaseOnceAndNothingOnRestart() {
        TestDatabase database = TestDatabase.fresh("migrations_" + TestDatabase.currentKind());
        try (LibertyServer server = LibertyServer.create("it-migrations-" + TestDatabase.currentKind(),
                database.serverSettings())) {
            server.startReady();
            assertTrue(server.log().contains("Migrating schema"), "first start applies the migrations");
            String email = Accounts.signedIn(new WebClient(server), "survivor");

            server.stop();
            server.startReady();
            String secondStart = server.log(); // Liberty starts a new messages.log at every start
            assertTrue(secondStart.contains("(0 migrations applied now)"), secondStart);
            assertTrue(!secondStart.contains("Migrating schema"), "nothing migrated the second time");

            assertEquals(302, Accounts.signIn(new WebClient(server), email, Accounts.PASSWORD).status(),
                    "the account registered before the restart is still there");
            if (database.isPostgresKind()) {
                assertEquals(1, database.queryLong(
                        "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success"));
            }
        }
    }
}
