package ru.connections.evotor.sandbox;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** One page of an account's store list in Evotor's v2 shape, with the cursor of the next page. */
record StoreListing(List<SandboxStore> items, String nextCursor) {

    /** The page that starts at {@code cursor} (null: the first page); empty if the cursor is unknown. */
    static Optional<StoreListing> page(List<SandboxStore> stores, int pageSize, String cursor) {
        int start = 0;
        if (cursor != null) {
            start = indexOf(stores, cursor);
            if (start < 0) {
                return Optional.empty();
            }
        }
        int end = Math.min(stores.size(), start + pageSize);
        String next = end < stores.size() ? cursorOf(stores.get(end)) : null;
        return Optional.of(new StoreListing(stores.subList(start, end), next));
    }

    /**
     * {@code {"items":[…],"paging":{"next_cursor":"…"}}}, with {@code "paging":{}} on the last page and
     * optional fields left out, not null, as Evotor does.
     */
    String json() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (SandboxStore store : items) {
            JsonObjectBuilder item = Json.createObjectBuilder()
                    .add("id", store.id())
                    .add("name", store.name());
            if (store.address() != null) {
                item.add("address", store.address());
            }
            item.add("user_id", store.userId())
                    .add("created_at", SandboxStore.EVOTOR_TIME.format(store.createdAt()))
                    .add("updated_at", SandboxStore.EVOTOR_TIME.format(store.updatedAt()));
            array.add(item);
        }
        JsonObjectBuilder paging = Json.createObjectBuilder();
        if (nextCursor != null) {
            paging.add("next_cursor", nextCursor);
        }
        return Json.createObjectBuilder().add("items", array).add("paging", paging).build().toString();
    }

    // Opaque to callers; it names the first store of the page, so replacing the stores invalidates it.
    private static String cursorOf(SandboxStore store) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(store.id().getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOf(List<SandboxStore> stores, String cursor) {
        for (int i = 0; i < stores.size(); i++) {
            if (cursorOf(stores.get(i)).equals(cursor)) {
                return i;
            }
        }
        return -1;
    }
}
