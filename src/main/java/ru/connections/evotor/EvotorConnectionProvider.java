package ru.connections.evotor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.ResourceBundle;
import ru.connections.dashboard.ConnectionCard;
import ru.connections.dashboard.ConnectionProvider;
import ru.connections.dashboard.ConnectionStatus;
import ru.connections.platform.Messages;

/** Evotor's card on the connections page. */
@ApplicationScoped
public class EvotorConnectionProvider implements ConnectionProvider {

    static final String ID = "evotor";
    private static final String ICON = "/resources/images/evotor.svg";
    private static final String PAGE = "/evotor";

    @Inject
    private EvotorConnections connections;

    @Inject
    private EvotorSettings settings;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public ConnectionCard card(long userId, Locale locale) {
        String name = ResourceBundle.getBundle(Messages.BUNDLE, locale).getString("evotor.title");
        // With OAuth set up, "Подключить" goes straight to Evotor; otherwise to the token form.
        String connect = settings.isOAuthConfigured() ? "/evotor/connect" : "/evotor";
        return connections.forUser(userId)
                .map(c -> new ConnectionCard(ID, name, ICON,
                        c.isOnline() ? ConnectionStatus.ONLINE : ConnectionStatus.OFFLINE,
                        EvotorView.storeSummary(c), c.getLastCheckedAt(), connect, PAGE))
                .orElseGet(() -> new ConnectionCard(ID, name, ICON, ConnectionStatus.NOT_CONNECTED, "", null,
                        connect, PAGE));
    }

    @Override
    public boolean disconnect(long userId) {
        return connections.disconnect(userId);
    }
}
