package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evotor's store list, {@code GET /api/stores}: bearer token, Accept of Evotor's v2 media type,
 * cursor paging, rate-limit headers on every answer, and whatever failure is switched on.
 */
@Path("api/stores")
@ApplicationScoped
public class StoresResource {

    static final String EVOTOR_V2 = "application/vnd.evotor.v2+json";
    private static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";
    /** What a broken proxy in front of the API might send back with a 200. */
    private static final String NOT_JSON = "<html><body><h1>Bad Gateway</h1>upstream sent nothing</body></html>";

    @Inject
    private SandboxAccounts accounts;
    @Inject
    private FailureModes modes;
    @Inject
    private RateLimiter limiter;
    @Inject
    private Traffic traffic;

    @GET
    public Response list(@Context HttpHeaders headers, @QueryParam("cursor") String cursor) {
        try (Traffic.InFlight request = traffic.apiRequest()) {
            AccessToken token = bearer(headers.getHeaderString(HttpHeaders.AUTHORIZATION))
                    .flatMap(accounts::byValue).orElse(null);
            if (token != null) {
                token.countRequest();
            }
            ModeSetting mode = modes.effective(token);
            if (mode.mode() == FailureMode.SLOW) {
                Delays.pause(mode.delayMs());
            }
            return answer(token, mode.mode(), acceptsEvotorV2(headers.getRequestHeader(HttpHeaders.ACCEPT)), cursor);
        }
    }

    private Response answer(AccessToken token, FailureMode mode, boolean acceptable, String cursor) {
        // Failures of the whole service come before anything looks at the request.
        if (mode == FailureMode.DOWN) {
            return error(ApiError.UNAVAILABLE, limiter.untouched());
        }
        if (mode == FailureMode.SERVER_ERROR) {
            return error(ApiError.INTERNAL, limiter.untouched());
        }
        if (token == null || mode == FailureMode.REVOKED) {
            return Response.fromResponse(error(ApiError.UNAUTHORIZED, limiter.untouched()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"evotor-sandbox\"").build();
        }
        RateLimiter.Quota quota = limiter.consume(token.value());
        if (mode == FailureMode.RATE_LIMITED) {
            quota = new RateLimiter.Quota(quota.limit(), 0, quota.resetSeconds(), true);
        }
        if (quota.exceeded()) {
            return Response.fromResponse(error(ApiError.TOO_MANY_REQUESTS, quota))
                    .header(HttpHeaders.RETRY_AFTER, quota.resetSeconds()).build();
        }
        if (mode == FailureMode.NOT_INSTALLED) {
            return error(ApiError.NOT_INSTALLED, quota);
        }
        if (mode == FailureMode.FORBIDDEN) {
            return error(ApiError.FORBIDDEN, quota);
        }
        if (!acceptable) {
            return error(ApiError.NOT_ACCEPTABLE, quota);
        }
        SandboxAccount account = token.account();
        Optional<StoreListing> page = StoreListing.page(account.stores(), account.pageSize(), cursor);
        if (page.isEmpty()) {
            return error(ApiError.INVALID_CURSOR, quota);
        }
        String body = mode == FailureMode.MALFORMED ? NOT_JSON : page.get().json();
        // Bytes, so the charset is UTF-8 whatever the media type: JSON has no other.
        return withQuota(Response.ok(body.getBytes(StandardCharsets.UTF_8)).type(EVOTOR_V2), quota).build();
    }

    private static Response error(ApiError error, RateLimiter.Quota quota) {
        return withQuota(Response.status(error.status()).type(JSON).entity(error.json()), quota).build();
    }

    private static Response.ResponseBuilder withQuota(Response.ResponseBuilder builder, RateLimiter.Quota quota) {
        return builder.header("X-RateLimit-Limit", quota.limit())
                .header("X-RateLimit-Remaining", quota.remaining())
                .header("X-RateLimit-Reset", quota.resetSeconds());
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** True if some Accept header lists Evotor's v2 type; a missing header is not enough. */
    static boolean acceptsEvotorV2(List<String> acceptHeaders) {
        if (acceptHeaders == null) {
            return false;
        }
        return acceptHeaders.stream()
                .flatMap(header -> List.of(header.split(",")).stream())
                .map(range -> range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .anyMatch(EVOTOR_V2::equals);
    }
}
