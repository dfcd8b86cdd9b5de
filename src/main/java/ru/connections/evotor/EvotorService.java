package ru.connections.evotor;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import ru.connections.evotor.EvotorException.Reason;

/**
 * Talks to Evotor through the two REST clients and translates: Evotor's JSON into {@link TokenGrant}
 * and {@link EvotorStore}, Evotor's status codes and network failures into {@link EvotorException}.
 */
@ApplicationScoped
public class EvotorService {

    /** Far above any real answer; a larger body is not read into memory. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** An account with more pages than this is cut short rather than looping forever on a bad cursor. */
    static final int MAX_PAGES = 100;

    /** At most this many unread answers are drained in the background; beyond that the caller closes its own. */
    private static final int BACKGROUND_CLOSERS = 8;

    @Inject
    private EvotorSettings settings;

    @Resource
    private ManagedExecutorService background;

    private final Semaphore closers = new Semaphore(BACKGROUND_CLOSERS);

    private EvotorOAuthApi oauth;
    private EvotorApi api;

    @PostConstruct
    void buildClients() {
        oauth = client(settings.tokenUri(), EvotorOAuthApi.class);
        api = client(settings.apiUri(), EvotorApi.class);
    }

    private <T> T client(URI base, Class<T> type) {
        return RestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // We read every status ourselves; the default mapper would throw on 4xx/5xx.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(type);
    }

    @PreDestroy
    void closeClients() {
        for (Object client : new Object[] {oauth, api}) {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing on shutdown; nothing to do
                }
            }
        }
    }

    /** Exchanges an authorization code for tokens. */
    public TokenGrant exchangeCode(String code, String redirectUri) {
        return grant(new Form()
                .param("grant_type", "authorization_code")
                .param("code", code)
                .param("redirect_uri", redirectUri));
    }

    /** A new access token for a stored refresh token. */
    public TokenGrant refresh(String refreshToken) {
        return grant(new Form().param("grant_type", "refresh_token").param("refresh_token", refreshToken));
    }

    private TokenGrant grant(Form form) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (settings.clientId().orElse("") + ":" + settings.clientSecret()).getBytes(StandardCharsets.UTF_8));
        try (Answer answer = new Answer(oauth.token(basic, form))) {
            Response response = answer.response;
            int status = response.getStatus();
            String body = answer.body();
            return switch (status) {
                case 200 -> EvotorJson.tokenGrant(body);
                case 400 -> throw new EvotorException(Reason.GRANT_REJECTED, status,
                        "token endpoint: " + EvotorJson.oauthError(body).orElse("400"));
                case 401 -> throw new EvotorException(Reason.CLIENT_REJECTED, status, "token endpoint: client rejected");
                default -> throw failure(status, response, "token endpoint");
            };
        } catch (ProcessingException e) {
            throw unreachable("token endpoint", e);
        }
    }

    /** Every store of the account behind {@code accessToken}, all pages. */
    public List<EvotorStore> stores(String accessToken) {
        List<EvotorStore> stores = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            EvotorJson.StoresPage page = storesPage(accessToken, cursor.orElse(null));
            stores.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent() && ++pages < MAX_PAGES);
        return stores;
    }

    /** One page of stores: the cheapest call that proves a token works. */
    public EvotorJson.StoresPage storesPage(String accessToken, String cursor) {
        try (Answer answer = new Answer(api.stores("Bearer " + accessToken, cursor))) {
            int status = answer.response.getStatus();
            if (status == 200) {
                return EvotorJson.storesPage(answer.body());
            }
            throw failure(status, answer.response, "GET /stores");
        } catch (ProcessingException e) {
            throw unreachable("GET /stores", e);
        }
    }

    private static EvotorException failure(int status, Response response, String call) {
        Reason reason = switch (status) {
            case 401 -> Reason.TOKEN_REJECTED;
            case 402 -> Reason.NOT_INSTALLED;
            case 403 -> Reason.FORBIDDEN;
            case 404 -> Reason.NOT_FOUND;
            case 429 -> Reason.RATE_LIMITED;
            default -> status >= 500 ? Reason.UNAVAILABLE : Reason.UNEXPECTED;
        };
        Long retryAfter = reason == Reason.RATE_LIMITED ? rateLimitReset(response) : null;
        return new EvotorException(reason, status, retryAfter, call + " answered " + status, null);
    }

    private static Long rateLimitReset(Response response) {
        try {
            String reset = response.getHeaderString("X-RateLimit-Reset");
            return reset == null ? null : Math.max(0, Long.parseLong(reset.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static EvotorException unreachable(String call, ProcessingException e) {
        if (e.getCause() instanceof EvotorException evotor) {
            return evotor;
        }
        Reason reason = Reason.UNAVAILABLE;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                reason = Reason.TIMEOUT;
                break;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                reason = Reason.UNREACHABLE;
                break;
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new EvotorException(reason, 0, null, call + ": " + root.getClass().getSimpleName(), null);
    }

    /**
     * One answer from Evotor. Its body is read at most to 1 MB and only while the read timeout after its
     * headers lasts: the read timeout alone bounds each read, and a body dripping a byte at a time would never
     * trip it. Closing an answer not read to its end drains the rest of it (the HTTP client does that to
     * reuse the connection), so that is left to a background thread and the caller goes on at once.
     */
    private final class Answer implements AutoCloseable {

        private final Response response;
        private boolean readToEnd;

        Answer(Response response) {
            this.response = response;
        }

        String body() {
            if (!response.hasEntity()) {
                readToEnd = true;
                return "";
            }
            long deadline = System.nanoTime() + settings.readTimeout().toNanos();
            try {
                InputStream in = response.readEntity(InputStream.class);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    bytes.write(buffer, 0, n);
                    if (bytes.size() > MAX_BODY_BYTES) {
                        throw new EvotorException(Reason.MALFORMED, response.getStatus(), "answer larger than 1 MB");
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new EvotorException(Reason.TIMEOUT, response.getStatus(), null,
                                "answer still arriving after the read timeout", null);
                    }
                }
                readToEnd = true;
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                throw new EvotorException(Reason.TIMEOUT, response.getStatus(), null, "answer stopped arriving", null);
            } catch (IOException e) {
                throw new EvotorException(Reason.UNAVAILABLE, response.getStatus(), null,
                        "connection broke while reading the answer", null);
            }
        }

        @Override
        public void close() {
            if (readToEnd || !closers.tryAcquire()) {
                response.close();
                return;
            }
            try {
                background.execute(() -> {
                    try {
                        response.close();
                    } finally {
                        closers.release();
                    }
                });
            } catch (RuntimeException e) {
                closers.release();
                response.close();
            }
        }
    }
}
