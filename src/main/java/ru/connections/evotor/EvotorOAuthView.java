package ru.connections.evotor;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Logger;
import ru.connections.account.CurrentUser;
import ru.connections.platform.Messages;

/**
 * The two ends of the OAuth authorization-code flow: {@code /evotor/connect} sends the user to
 * Evotor with a fresh state, {@code /evotor/callback} takes them back, checks the state, and connects.
 */
@Named
@RequestScoped
public class EvotorOAuthView {

    private static final Logger LOG = Logger.getLogger(EvotorOAuthView.class.getName());

    @Inject
    private EvotorSettings settings;

    @Inject
    private OAuthStates states;

    @Inject
    private EvotorConnector connector;

    @Inject
    private CurrentUser currentUser;

    public String start() throws IOException {
        if (!settings.isOAuthConfigured()) {
            Messages.flashError("evotor.oauth.notConfigured");
            return EvotorView.DONE;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        String url = settings.authorizeUri()
                + "?client_id=" + encode(settings.clientId().orElseThrow())
                + "&response_type=code"
                + "&redirect_uri=" + encode(settings.redirectUri((HttpServletRequest) external.getRequest()))
                + "&state=" + encode(states.issue());
        external.redirect(url);
        return null;
    }

    public String callback() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Map<String, String> params = external.getRequestParameterMap();
        long userId = currentUser.account().orElseThrow().getId();
        if (!states.consume(params.get("state"))) {
            Messages.flashError("evotor.callback.state");
            return EvotorView.DONE;
        }
        String error = params.get("error");
        if (error != null) {
            Messages.flashError("access_denied".equals(error) ? "evotor.callback.denied" : "evotor.callback.error");
            return EvotorView.DONE;
        }
        String code = params.get("code");
        if (code == null || code.isBlank() || code.length() > 2000) {
            Messages.flashError("evotor.callback.noCode");
            return EvotorView.DONE;
        }
        try {
            connector.connectWithCode(userId, code,
                    settings.redirectUri((HttpServletRequest) external.getRequest()));
        } catch (EvotorException e) {
            LOG.info(() -> "OAuth connect failed for user " + userId + ": " + e.reason() + " (" + e.getMessage() + ")");
            Messages.flashError(EvotorMessages.keyFor(e));
            return EvotorView.DONE;
        }
        Messages.flash("evotor.connected");
        return EvotorView.DONE;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
