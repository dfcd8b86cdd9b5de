package ru.connections.evotor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvotorJsonTest {

    @Test
    void readsAStoresPageAsEvotorWritesIt() {
        EvotorJson.StoresPage page = EvotorJson.storesPage("""
                {"items":[
                  {"id":"5c9ba7a6f9c9f0001a2b3c4d","name":"Магазин на Ленина","address":"Ленина, 1",
                   "user_id":"01-000000000000001","created_at":"2019-04-11T12:00:00.000+0000",
                   "updated_at":"2019-04-12T08:30:00.000+0300"},
                  {"id":"5c9ba7a6f9c9f0001a2b3c4e","name":"Склад"}],
                 "paging":{"next_cursor":"abc"}}""");
        assertEquals(2, page.items().size());
        EvotorStore first = page.items().get(0);
        assertEquals("Магазин на Ленина", first.name());
        assertEquals(Optional.of("Ленина, 1"), first.address());
        assertEquals(Optional.of(Instant.parse("2019-04-11T12:00:00Z")), first.createdAt());
        assertEquals(Optional.of(Instant.parse("2019-04-12T05:30:00Z")), first.updatedAt());
        EvotorStore second = page.items().get(1);
        assertEquals(Optional.empty(), second.address(), "absent optional fields stay empty");
        assertEquals(Optional.of("abc"), page.nextCursor());
    }

    @Test
    void anEmptyPagingObjectMeansTheLastPage() {
        assertEquals(Optional.empty(), EvotorJson.storesPage("{\"items\":[],\"paging\":{}}").nextCursor());
        assertEquals(Optional.empty(), EvotorJson.storesPage("{\"items\":[]}").nextCursor());
    }

    @Test
    void readsATokenGrant() {
        TokenGrant grant = EvotorJson.tokenGrant("""
                {"access_token":"at-1","token_type":"bearer","expires_in":604800,"refresh_token":"rt-1","scope":"store:read"}""");
        assertEquals("at-1", grant.accessToken());
        assertEquals(Optional.of(Duration.ofDays(7)), grant.expiresIn());
        assertEquals(Optional.of("rt-1"), grant.refreshToken());
        assertTrue(!grant.toString().contains("at-1") && !grant.toString().contains("rt-1"), "no tokens in logs");
        assertEquals(Optional.empty(), EvotorJson.tokenGrant("{\"access_token\":\"x\"}").refreshToken());
    }

    @Test
    void anythingUnreadableIsMalformed() {
        for (String body : new String[] {"", "<html>oops</html>", "[]", "{\"items\":{}}", "{\"items\":[{\"name\":1}]}",
                "{\"items\":[{\"name\":\"no id\"}]}", "{\"items\":[", "null"}) {
            EvotorException e = assertThrows(EvotorException.class, () -> EvotorJson.storesPage(body), body);
            assertEquals(EvotorException.Reason.MALFORMED, e.reason(), body);
        }
        assertEquals(EvotorException.Reason.MALFORMED,
                assertThrows(EvotorException.class, () -> EvotorJson.tokenGrant("{\"token_type\":\"bearer\"}")).reason());
    }

    @Test
    void readsTheOAuthErrorCode() {
        assertEquals(Optional.of("invalid_grant"), EvotorJson.oauthError("{\"error\":\"invalid_grant\"}"));
        assertEquals(Optional.empty(), EvotorJson.oauthError("Bad Request"));
    }
}
