package ru.connections.evotor;

import ru.connections.dashboard.CheckResult;

/**
 * "Проверить сейчас" for an Evotor connection. Implemented by the health checker, which depends on
 * this package; declaring it here keeps this package from depending on the health checker.
 */
public interface EvotorHealthCheck {

    CheckResult checkNow(long userId);
}
