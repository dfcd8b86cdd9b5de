package ru.connections.evotor.sandbox;

import java.util.List;
import java.util.Optional;

/** How the simulated token endpoint misbehaves, if at all. */
enum TokenEndpointFailure implements WireNamed {
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

    @Override
    public String wire() {
        return wire;
    }

    @Override
    public String label() {
        return label;
    }

    static Optional<TokenEndpointFailure> parse(String value) {
        return WireNamed.parse(TokenEndpointFailure.class, value);
    }

    static List<String> names() {
        return WireNamed.names(TokenEndpointFailure.class);
    }
}
