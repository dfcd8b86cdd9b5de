package ru.connections.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SharedServer;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;

/** The token encryption key: generated for the embedded default, required in production. */
class TokenKeyIT {

    @Test
    void theEmbeddedDefaultGeneratesAKeyOnlyItsOwnerCanRead() throws Exception {
        assumeTrue(!TestDatabase.isPostgres(), "the embedded default runs on Derby");
        Path key = SharedServer.get().directory().resolve("resources/security/token.key");
        assertTrue(Files.exists(key), "generated on first start");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void productionWithoutAKeyRefusesToStartAndSaysWhatToSet() throws InterruptedException {
        assumeTrue(TestDatabase.isPostgres(), "the production configuration runs on PostgreSQL");
        TestDatabase database = TestDatabase.fresh("nokey");
        Map<String, String> settings = new HashMap<>(database.serverSettings());
        settings.remove("TOKEN_KEY");
        try (LibertyServer server = LibertyServer.create("it-nokey", settings)) {
            server.start();
            // The application fails while it starts, which may be after the server reports it is up.
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
            while (!server.log().contains("CWWKZ0002E") && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            assertTrue(server.log().contains("Set the server variable token.key"), "the log says what to set");
            assertEquals(404, new WebClient(server).get("/login").status(), "the application did not start");
        } finally {
            database.drop();
        }
    }
}
