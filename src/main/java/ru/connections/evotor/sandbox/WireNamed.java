package ru.connections.evotor.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A mode named on the control API by a short code, and on the control page by a Russian label. */
interface WireNamed {

    /** The name used in the control API and in stats. */
    String wire();

    /** What a person sees on the control page. */
    String label();

    static <E extends Enum<E> & WireNamed> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(m -> m.wire().equals(value)).findFirst();
    }

    static <E extends Enum<E> & WireNamed> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNamed::wire).toList();
    }
}
