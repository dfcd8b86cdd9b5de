package ru.connections.evotor.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated Evotor user: its stores, the page size of its store list and the failure mode
 * that applies to all of its access tokens. Safe to read and change from any thread.
 */
final class SandboxAccount {

    static final int DEFAULT_PAGE_SIZE = 2;

    /** What a new account has; the last name carries markup so that the app's escaping gets tested. */
    private static final String[][] DEFAULT_STORES = {
            {"Магазин на Ленина", "г. Москва, ул. Ленина, д. 1"},
            {"Кофейня у вокзала", "г. Тверь, Привокзальная пл., д. 3"},
            {"Склад <b>№3</b>", "г. Подольск, ул. Складская, д. 3, стр. 2"},
    };

    private final String userId;
    private final String refreshToken;
    private volatile List<SandboxStore> stores;
    private volatile int pageSize = DEFAULT_PAGE_SIZE;
    private volatile ModeSetting mode = ModeSetting.NORMAL;

    SandboxAccount(String userId, String refreshToken, Instant now) {
        this.userId = userId;
        this.refreshToken = refreshToken;
        List<SandboxStore> initial = new ArrayList<>();
        for (int i = 0; i < DEFAULT_STORES.length; i++) {
            initial.add(SandboxStore.create(DEFAULT_STORES[i][0], DEFAULT_STORES[i][1], userId,
                    now.minus(Duration.ofDays(400 - 100L * i)).truncatedTo(ChronoUnit.SECONDS),
                    now.minus(Duration.ofDays(10 - i)).truncatedTo(ChronoUnit.MILLIS)));
        }
        this.stores = List.copyOf(initial);
    }

    String userId() {
        return userId;
    }

    String refreshToken() {
        return refreshToken;
    }

    List<SandboxStore> stores() {
        return stores;
    }

    /** Replaces the stores; each pair is a name and an address (null: the store has none). */
    void replaceStores(List<String[]> namesAndAddresses, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        stores = namesAndAddresses.stream()
                .map(s -> SandboxStore.create(s[0], s[1], userId, at, at))
                .toList();
    }

    int pageSize() {
        return pageSize;
    }

    void pageSize(int size) {
        this.pageSize = size;
    }

    ModeSetting mode() {
        return mode;
    }

    void mode(ModeSetting setting) {
        this.mode = setting;
    }
}
