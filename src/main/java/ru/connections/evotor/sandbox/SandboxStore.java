package ru.connections.evotor.sandbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/** One store of a sandbox account, as Evotor's store list describes it; {@code address} may be null. */
record SandboxStore(String id, String name, String address, String userId, Instant createdAt, Instant updatedAt) {

    /** Evotor's timestamp format, e.g. {@code 2019-04-11T12:00:00.000+0000}. */
    static final DateTimeFormatter EVOTOR_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new store with an id shaped like Evotor's: 24 hex characters, not a UUID. */
    static SandboxStore create(String name, String address, String userId, Instant createdAt, Instant updatedAt) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return new SandboxStore(HexFormat.of().formatHex(id), name, address, userId, createdAt, updatedAt);
    }
}
