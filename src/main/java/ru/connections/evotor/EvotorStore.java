package ru.connections.evotor;

import java.time.Instant;
import java.util.Optional;

/** A store of an Evotor account. */
public record EvotorStore(String id, String name, Optional<String> address, Optional<String> userId,
                          Optional<Instant> createdAt, Optional<Instant> updatedAt) {
}
