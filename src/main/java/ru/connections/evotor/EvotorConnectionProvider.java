package ru.connections.evotor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.ResourceBundle;
import ru.connections.dashboard.CheckResult;
import ru.connections.dashboard.ConnectionCard;
import ru.connections.dashboard.ConnectionProvider;
import ru.connections.dashboard.ConnectionStatus;
import ru.connections.dashboard.Uptime;
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

    @Inject
    private EvotorHealthCheck healthCheck;

    /** Failure reasons only a new connection can cure. */
    private static final Set<String> NEEDS_RECONNECT = Set.of("token_revoked", "not_installed", "forbidden");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String name(Locale locale) {
        return ResourceBundle.getBundle(Messages.BUNDLE, locale).getString("evotor.title");
    }

    @Override
    public ConnectionCard card(long userId, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE, locale);
        String name = name(locale);
        // With OAuth set up, "Подключить" goes straight to Evotor; otherwise to the token form.
        String connect = settings.isOAuthConfigured() ? "/evotor/connect" : "/evotor";
        Instant now = Instant.now();
        List<Object[]> rows = connections.cardRows(userId, now.minus(Duration.ofDays(7)));
        if (rows.isEmpty()) {
            return new ConnectionCard(ID, name, ICON, ConnectionStatus.NOT_CONNECTED, "", null, connect, PAGE);
        }
        EvotorConnection c = (EvotorConnection) rows.get(0)[0];
        List<Uptime.Check> checks = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row[1] != null && !"rate_limited".equals(row[2])) {
                checks.add(new Uptime.Check((Instant) row[1], "online".equals(row[2])));
            }
        }
        String reason = c.getFailureReason();
        return new ConnectionCard(ID, name, ICON, c.isOnline() ? ConnectionStatus.ONLINE : ConnectionStatus.OFFLINE,
                EvotorView.storeSummary(c), c.getLastCheckedAt(), connect, PAGE)
                .withReason(reason == null || !bundle.containsKey("health.reason." + reason) ? null
                        : bundle.getString("health.reason." + reason), reason != null && NEEDS_RECONNECT.contains(reason))
                .withHealth(Uptime.of(checks, now));
    }

    @Override
    public CheckResult checkNow(long userId) {
        return healthCheck.checkNow(userId);
    }

    @Override
    public boolean disconnect(long userId) {
        return connections.disconnect(userId);
    }
}
