package ru.connections.evotor;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.logging.Logger;
import ru.connections.account.CurrentUser;
import ru.connections.platform.Messages;

/** The /evotor page: the user's connection, connect by token, disconnect. */
@Named
@RequestScoped
public class EvotorView {

    /** Where connecting and disconnecting end. */
    static final String DONE = "/connections?faces-redirect=true";
    static final int TOKEN_MAX = 2000;
    private static final Logger LOG = Logger.getLogger(EvotorView.class.getName());

    @Inject
    private CurrentUser currentUser;

    @Inject
    private EvotorConnections connections;

    @Inject
    private EvotorConnector connector;

    @Inject
    private EvotorSettings settings;

    private Optional<EvotorConnection> connection;
    private String token;

    public Optional<EvotorConnection> connection() {
        if (connection == null) {
            connection = connections.forUser(userId());
        }
        return connection;
    }

    public boolean isConnected() {
        return connection().isPresent();
    }

    public EvotorConnection getConnection() {
        return connection().orElse(null);
    }

    /** "Магазин на Ленина", or "Магазин на Ленина +2" for an account with three stores. */
    public String getStores() {
        return connection().map(EvotorView::storeSummary).orElse("");
    }

    static String storeSummary(EvotorConnection c) {
        String name = c.getStoreName() == null ? "" : c.getStoreName();
        return c.getStoreCount() > 1 ? name + " +" + (c.getStoreCount() - 1) : name;
    }

    public boolean isOauthConfigured() {
        return settings.isOAuthConfigured();
    }

    public String connectWithToken() {
        String pasted = token == null ? "" : token.strip();
        if (pasted.isEmpty()) {
            Messages.error("token:accessToken", "evotor.token.missing");
            return null;
        }
        if (pasted.length() > TOKEN_MAX || pasted.chars().anyMatch(Character::isWhitespace)) {
            Messages.error("token:accessToken", "evotor.token.malformed");
            return null;
        }
        try {
            connector.connectWithToken(userId(), pasted);
        } catch (EvotorException e) {
            LOG.info(() -> "Token connect refused for user " + userId() + ": " + e.reason() + " (" + e.getMessage() + ")");
            Messages.error("token:accessToken", EvotorMessages.keyFor(e));
            return null;
        }
        Messages.flash("evotor.connected");
        return DONE;
    }

    public String disconnect() {
        if (connections.disconnect(userId())) {
            Messages.flash("evotor.disconnected");
        }
        return DONE;
    }

    private long userId() {
        return currentUser.account().orElseThrow(() -> new IllegalStateException("not signed in")).getId();
    }

    public String getToken() {
        return null; // a token is never sent back to the page
    }

    public void setToken(String token) {
        this.token = token;
    }
}
