package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Evotor's OAuth 2.0 authorization-code flow: the consent page and the token endpoint. */
@Path("oauth")
@ApplicationScoped
public class OAuthResource {

    static final String SCOPE = "store:read";
    static final long EXPIRES_IN_SECONDS = 604_800;

    @Inject
    private AuthorizationCodes codes;
    @Inject
    private SandboxAccounts accounts;
    @Inject
    private FailureModes modes;
    @Inject
    private Traffic traffic;

    @GET
    @Path("authorize")
    public Response consentPage(@QueryParam("client_id") String clientId,
                                @QueryParam("response_type") String responseType,
                                @QueryParam("redirect_uri") String redirectUri,
                                @QueryParam("state") String state,
                                @Context UriInfo uriInfo) {
        if (!SandboxClient.ID.equals(clientId)) {
            return errorPage("Неизвестное приложение (client_id «" + nullToEmpty(clientId) + "»).");
        }
        if (!"code".equals(responseType)) {
            return errorPage("Неподдерживаемый response_type «" + nullToEmpty(responseType) + "»: нужен code.");
        }
        Optional<RedirectTarget> target = RedirectTarget.parse(redirectUri);
        if (target.isEmpty()) {
            return errorPage("redirect_uri должен быть полным адресом http или https, без #фрагмента.");
        }
        String action = uriInfo.getBaseUri().getPath() + "oauth/authorize";
        return Html.answer(200, AuthorizePage.consent(action, clientId, target.get(), redirectUri, state));
    }

    @POST
    @Path("authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@FormParam("client_id") String clientId,
                           @FormParam("redirect_uri") String redirectUri,
                           @FormParam("state") String state,
                           @FormParam("decision") String decision) {
        // The hidden fields come back from the browser: check them again, never trust them.
        Optional<RedirectTarget> target = RedirectTarget.parse(redirectUri);
        if (!SandboxClient.ID.equals(clientId) || target.isEmpty()) {
            return errorPage("Запрос доступа повреждён: неизвестное приложение или неверный redirect_uri.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if ("approve".equals(decision)) {
            parameters.put("code", codes.issue(redirectUri));
        } else if ("deny".equals(decision)) {
            parameters.put("error", "access_denied");
        } else {
            return errorPage("Нажмите «Разрешить» или «Отказать».");
        }
        parameters.put("state", state == null || state.isEmpty() ? null : state);
        return Response.seeOther(target.get().with(parameters)).build();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @FormParam("grant_type") String grantType,
                          @FormParam("code") String code,
                          @FormParam("redirect_uri") String redirectUri,
                          @FormParam("refresh_token") String refreshToken) {
        try (Traffic.InFlight request = traffic.tokenRequest()) {
            FailureModes.TokenEndpointSetting failure = modes.tokenEndpoint();
            if (failure.failure() == TokenEndpointFailure.HANG) {
                Delays.pause(failure.delayMs());
                // After the silence the caller, if still waiting, learns that nothing was issued.
                return oauthError(503, "temporarily_unavailable");
            }
            return exchange(failure.failure(), authorization, grantType, code, redirectUri, refreshToken);
        }
    }

    private Response exchange(TokenEndpointFailure failure, String authorization, String grantType, String code,
                              String redirectUri, String refreshToken) {
        if (modes.global().mode() == FailureMode.DOWN) {
            return oauthError(503, "temporarily_unavailable");
        }
        if (failure == TokenEndpointFailure.SERVER_ERROR) {
            return oauthError(500, "server_error");
        }
        if (!SandboxClient.authenticates(authorization)) {
            return Response.fromResponse(oauthError(401, "invalid_client"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"evotor-sandbox\"")
                    .build();
        }
        if (failure == TokenEndpointFailure.INVALID_GRANT) {
            return oauthError(400, "invalid_grant");
        }
        if (isBlank(grantType)) {
            return oauthError(400, "invalid_request");
        }
        return switch (grantType) {
            case "authorization_code" -> {
                if (isBlank(code) || isBlank(redirectUri)) {
                    yield oauthError(400, "invalid_request");
                }
                yield codes.redeem(code, redirectUri) ? issued(accounts.open()) : oauthError(400, "invalid_grant");
            }
            case "refresh_token" -> {
                if (isBlank(refreshToken)) {
                    yield oauthError(400, "invalid_request");
                }
                Optional<SandboxAccount> account = accounts.byRefreshToken(refreshToken)
                        .filter(a -> a.mode().mode() != FailureMode.REVOKED);
                yield account.map(a -> issued(accounts.issue(a))).orElseGet(() -> oauthError(400, "invalid_grant"));
            }
            default -> oauthError(400, "unsupported_grant_type");
        };
    }

    private static Response issued(AccessToken token) {
        String body = Json.createObjectBuilder()
                .add("access_token", token.value())
                .add("token_type", "bearer")
                .add("expires_in", EXPIRES_IN_SECONDS)
                .add("refresh_token", token.account().refreshToken())
                .add("scope", SCOPE)
                .build().toString();
        return noStore(Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))).build();
    }

    /** RFC 6749's error answer: {@code {"error":"<code>"}}. */
    static Response oauthError(int status, String error) {
        String body = Json.createObjectBuilder().add("error", error).build().toString();
        return noStore(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(body)).build();
    }

    // Token answers must never be kept by a cache on the way (RFC 6749, 5.1).
    private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }

    private static Response errorPage(String message) {
        return Html.answer(400, AuthorizePage.error(message));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
