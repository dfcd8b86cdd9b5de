package ru.connections.evotor.sandbox;

import java.util.List;
import java.util.Optional;

/** How the simulated Evotor API answers: normally, or with one of the failures a real one shows. */
enum FailureMode implements WireNamed {
    UP("up", "работает"),
    DOWN("down", "недоступен (503)"),
    SLOW("slow", "отвечает с задержкой"),
    RATE_LIMITED("rate_limited", "слишком много запросов (429)"),
    REVOKED("revoked", "токен отозван (401)"),
    NOT_INSTALLED("not_installed", "приложение не установлено (402)"),
    FORBIDDEN("forbidden", "нет прав (403)"),
    SERVER_ERROR("server_error", "внутренняя ошибка (500)"),
    MALFORMED("malformed", "ответ не JSON (200)");

    private final String wire;
    private final String label;

    FailureMode(String wire, String label) {
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

    static Optional<FailureMode> parse(String value) {
        return WireNamed.parse(FailureMode.class, value);
    }

    static List<String> names() {
        return WireNamed.names(FailureMode.class);
    }
}
