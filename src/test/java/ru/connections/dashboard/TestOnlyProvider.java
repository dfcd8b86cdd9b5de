package ru.connections.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * An integration that exists only in tests: ConnectionsIT adds this one class to a server's WAR
 * and the card appears, with no change to the page.
 */
@ApplicationScoped
public class TestOnlyProvider implements ConnectionProvider {

    @Override
    public String id() {
        return "test-only";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "Test service" : "Тестовый сервис";
    }

    @Override
    public ConnectionCard card(long userId, Locale locale) {
        return new ConnectionCard(id(), name(locale),
                "/resources/images/evotor.svg", ConnectionStatus.NOT_CONNECTED, "", null, "/connections", "/connections");
    }

    @Override
    public boolean disconnect(long userId) {
        return false;
    }
}
