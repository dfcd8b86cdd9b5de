package ru.connections.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import ru.connections.dashboard.DashboardNotice;
import ru.connections.platform.Messages;

/** "Эвотор недоступен": the last tick could not reach Evotor at all from this server. */
@ApplicationScoped
public class OutageNotice implements DashboardNotice {

    @Inject
    private HealthStore store;

    @Override
    public Optional<String> text(Locale locale) {
        try {
            return store.lastTick().filter(HealthStore.LastTick::outage)
                    .map(t -> ResourceBundle.getBundle(Messages.BUNDLE, locale).getString("health.outage"));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
