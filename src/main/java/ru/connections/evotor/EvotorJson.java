package ru.connections.evotor;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads Evotor's JSON into our types; anything unreadable is {@link EvotorException.Reason#MALFORMED}. */
final class EvotorJson {

    /** Json.createReader looks the JSON provider up on every call; the health checker parses thousands a minute. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    /** Evotor writes {@code 2019-04-11T12:00:00.000+0000}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** One page of {@code GET /stores}; {@code nextCursor} is empty on the last page. */
    record StoresPage(List<EvotorStore> items, Optional<String> nextCursor) {
    }

    private EvotorJson() {
    }

    static StoresPage storesPage(String body) {
        JsonObject root = object(body);
        JsonValue items = root.get("items");
        if (items == null || items.getValueType() != JsonValue.ValueType.ARRAY) {
            throw malformed("stores page without items");
        }
        List<EvotorStore> stores = new ArrayList<>();
        for (JsonValue item : items.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("store is not an object");
            }
            JsonObject store = item.asJsonObject();
            String id = string(store, "id").orElseThrow(() -> malformed("store without id"));
            String name = string(store, "name").orElse("");
            stores.add(new EvotorStore(id, name, string(store, "address"), string(store, "user_id"),
                    timestamp(store, "created_at"), timestamp(store, "updated_at")));
        }
        Optional<String> next = Optional.empty();
        JsonValue paging = root.get("paging");
        if (paging != null && paging.getValueType() == JsonValue.ValueType.OBJECT) {
            next = string(paging.asJsonObject(), "next_cursor").filter(c -> !c.isEmpty());
        }
        return new StoresPage(stores, next);
    }

    static TokenGrant tokenGrant(String body) {
        JsonObject root = object(body);
        String accessToken = string(root, "access_token").filter(t -> !t.isBlank())
                .orElseThrow(() -> malformed("token answer without access_token"));
        Optional<Duration> expiresIn = Optional.ofNullable(root.get("expires_in"))
                .filter(v -> v.getValueType() == JsonValue.ValueType.NUMBER)
                .map(v -> Duration.ofSeconds(((JsonNumber) v).longValue()));
        return new TokenGrant(accessToken, expiresIn, string(root, "refresh_token").filter(t -> !t.isBlank()));
    }

    /** The OAuth {@code error} code of an error answer, if it has one. */
    static Optional<String> oauthError(String body) {
        try {
            return string(object(body), "error");
        } catch (EvotorException e) {
            return Optional.empty();
        }
    }

    private static JsonObject object(String body) {
        try (JsonReader reader = READERS.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("JSON is not an object");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw malformed("not JSON");
        }
    }

    private static Optional<String> string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw malformed(name + " is not a string");
        }
        return Optional.of(((JsonString) value).getString());
    }

    private static Optional<Instant> timestamp(JsonObject object, String name) {
        try {
            return string(object, name).map(s -> OffsetDateTime.parse(s, TIMESTAMP).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static EvotorException malformed(String what) {
        return new EvotorException(EvotorException.Reason.MALFORMED, 200, what);
    }
}
