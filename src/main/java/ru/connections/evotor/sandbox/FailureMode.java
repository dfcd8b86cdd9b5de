package ru.connections.evotor.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the simulated Evotor API answers: normally, or with one of the failures a real one shows. */
enum FailureMode {
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

    /** The name used in the control API and in stats. */
    String wire() {
        return wire;
    }

    /** What a person sees on the control page. */
    String label() {
        return label;
    }

    static Optional<FailureMode> parse(String value) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(FailureMode::wire).toList();
    }
}
