package ru.connections.evotor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Evotor is and who we are to it, from server.xml variables. With the sandbox on, every
 * Evotor address points at the simulated Evotor that this server itself serves.
 */
@Named
@ApplicationScoped
public class EvotorSettings {

    static final String SANDBOX_CLIENT_ID = "sandbox-client";
    static final String SANDBOX_CLIENT_SECRET = "sandbox-secret";

    @Inject
    @ConfigProperty(name = "evotor.sandbox.enabled", defaultValue = "false")
    private boolean sandbox;

    @Inject
    @ConfigProperty(name = "evotor.sandbox.url", defaultValue = "http://localhost:9080/evotor-sandbox")
    private String sandboxUrl;

    @Inject
    @ConfigProperty(name = "evotor.client.id")
    private Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "evotor.client.secret")
    private Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "evotor.redirect.uri")
    private Optional<String> redirectUri;

    @Inject
    @ConfigProperty(name = "evotor.authorize.url", defaultValue = "https://oauth.evotor.ru/oauth/authorize")
    private String authorizeUrl;

    @Inject
    @ConfigProperty(name = "evotor.token.url", defaultValue = "https://oauth.evotor.ru/oauth/token")
    private String tokenUrl;

    @Inject
    @ConfigProperty(name = "evotor.api.url", defaultValue = "https://api.evotor.ru")
    private String apiUrl;

    @Inject
    @ConfigProperty(name = "evotor.connect.timeout.ms", defaultValue = "5000")
    private long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "evotor.read.timeout.ms", defaultValue = "10000")
    private long readTimeoutMs;

    public boolean isSandbox() {
        return sandbox;
    }

    /** Whether the OAuth flow can run: a client id is configured (or the sandbox plays Evotor). */
    public boolean isOAuthConfigured() {
        return sandbox || clientId().isPresent();
    }

    public Optional<String> clientId() {
        return sandbox ? Optional.of(SANDBOX_CLIENT_ID) : clientId.map(String::strip).filter(s -> !s.isEmpty());
    }

    public String clientSecret() {
        return sandbox ? SANDBOX_CLIENT_SECRET : clientSecret.orElse("");
    }

    public URI authorizeUri() {
        return URI.create(sandbox ? sandboxUrl + "/oauth/authorize" : authorizeUrl);
    }

    public URI tokenUri() {
        return URI.create(sandbox ? sandboxUrl + "/oauth/token" : tokenUrl);
    }

    public URI apiUri() {
        return URI.create(sandbox ? sandboxUrl + "/api" : apiUrl);
    }

    /** The callback address registered at Evotor; by default derived from the request. */
    public String redirectUri(HttpServletRequest request) {
        return redirectUri.map(String::strip).filter(s -> !s.isEmpty()).orElseGet(() -> {
            String base = request.getRequestURL().toString();
            String path = request.getRequestURI();
            return base.substring(0, base.length() - path.length()) + request.getContextPath() + "/evotor/callback";
        });
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    public Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMs);
    }
}
