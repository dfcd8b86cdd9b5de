package ru.connections.evotor.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the simulated token endpoint misbehaves, if at all. */
enum TokenEndpointFailure {
    NONE("none", "работает"),
    INVALID_GRANT("400", "отказ invalid_grant (400)"),
    SERVER_ERROR("500", "внутренняя ошибка (500)"),
    HANG("hang", "молчит, пока не выйдет задержка");

    private final String wire;
    private final String label;

    TokenEndpointFailure(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    String wire() {
        return wire;
    }

    String label() {
        return label;
    }

    static Optional<TokenEndpointFailure> parse(String value) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(TokenEndpointFailure::wire).toList();
    }
}
