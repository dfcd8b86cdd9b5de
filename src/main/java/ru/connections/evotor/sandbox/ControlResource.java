package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sandbox's control page and control API (see the package documentation). Every POST answers
 * JSON, or, when the form says {@code from=page}, a 303 back to the control page.
 */
@Path("control")
@ApplicationScoped
public class ControlResource {

    static final int MAX_STORES = 10_000;
    private static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";

    @Inject
    private SandboxAccounts accounts;
    @Inject
    private FailureModes modes;
    @Inject
    private RateLimiter limiter;
    @Inject
    private Traffic traffic;
    @Inject
    private StatsReport stats;
    @Inject
    private ControlPage page;

    /** What a control request did: its JSON answer and what the control page should show next. */
    private record Outcome(JsonObject json, String pageParameter, String pageValue) {
        static Outcome of(JsonObject json) {
            return new Outcome(json, null, null);
        }
    }

    @GET
    public Response page(@QueryParam("minted") String minted, @QueryParam("error") String error,
                         @Context UriInfo uriInfo) {
        AccessToken mintedToken = null;
        if (minted != null && minted.matches("\\d{1,18}")) {
            mintedToken = accounts.bySerial(Long.parseLong(minted)).orElse(null);
        }
        return Html.answer(200, page.render(uriInfo.getBaseUri().getPath(), mintedToken, error));
    }

    @GET
    @Path("stats")
    public Response stats() {
        return Response.ok(stats.build().toString(), JSON).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("mode")
    public Response mode(@FormParam("mode") String mode, @FormParam("delayMs") String delayMs,
                         @FormParam("from") String from, @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> {
            ModeSetting setting = new ModeSetting(failureMode(mode), delay(delayMs));
            modes.global(setting);
            return Outcome.of(modeJson(setting).build());
        });
    }

    @POST
    @Path("tokens")
    public Response mint(@FormParam("from") String from, @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> {
            AccessToken token = accounts.open();
            JsonObject json = Json.createObjectBuilder()
                    .add("access_token", token.value())
                    .add("refresh_token", token.account().refreshToken())
                    .add("user_id", token.account().userId())
                    .build();
            return new Outcome(json, "minted", String.valueOf(token.serial()));
        });
    }

    @POST
    @Path("tokens/{token}/mode")
    public Response tokenMode(@PathParam("token") String token, @FormParam("mode") String mode,
                              @FormParam("delayMs") String delayMs, @FormParam("from") String from,
                              @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> Outcome.of(setTokenMode(token, mode, delayMs)));
    }

    /** The same as {@code tokens/{token}/mode} with the token as a field, as an HTML form can send it. */
    @POST
    @Path("token-mode")
    public Response tokenModeForm(@FormParam("token") String token, @FormParam("mode") String mode,
                                  @FormParam("delayMs") String delayMs, @FormParam("from") String from,
                                  @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> Outcome.of(setTokenMode(token == null ? null : token.trim(), mode,
                delayMs)));
    }

    @POST
    @Path("tokens/{token}/stores")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response stores(@PathParam("token") String token, String body, @Context UriInfo uriInfo) {
        return carryOut(null, uriInfo, () -> {
            AccessToken found = known(token);
            found.account().replaceStores(parseStores(body), Instant.now());
            return Outcome.of(storesJson(found));
        });
    }

    @POST
    @Path("tokens/{token}/stores")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response storeCount(@PathParam("token") String token, @FormParam("count") String count,
                               @FormParam("from") String from, @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> {
            AccessToken found = known(token);
            int n = number(count, 0, MAX_STORES);
            List<String[]> stores = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                stores.add(new String[] {"Магазин №" + i, "г. Москва, ул. Тестовая, д. " + i});
            }
            found.account().replaceStores(stores, Instant.now());
            return Outcome.of(storesJson(found));
        });
    }

    @POST
    @Path("tokens/{token}/page-size")
    public Response pageSize(@PathParam("token") String token, @FormParam("size") String size,
                             @FormParam("from") String from, @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> {
            AccessToken found = known(token);
            found.account().pageSize(number(size, 1, 1000));
            return Outcome.of(Json.createObjectBuilder()
                    .add("access_token", found.value())
                    .add("page_size", found.account().pageSize())
                    .build());
        });
    }

    @POST
    @Path("token-endpoint")
    public Response tokenEndpoint(@FormParam("mode") String mode, @FormParam("delayMs") String delayMs,
                                  @FormParam("from") String from, @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> {
            TokenEndpointFailure failure = TokenEndpointFailure.parse(mode)
                    .orElseThrow(() -> new ControlInputException(400, "unknown_mode",
                            "mode must be one of " + TokenEndpointFailure.names()));
            modes.tokenEndpoint(new FailureModes.TokenEndpointSetting(failure, delay(delayMs)));
            return Outcome.of(Json.createObjectBuilder()
                    .add("mode", failure.wire())
                    .add("delay_ms", modes.tokenEndpoint().delayMs())
                    .build());
        });
    }

    @POST
    @Path("rate-limit")
    public Response rateLimit(@FormParam("limit") String limit, @FormParam("windowSeconds") String windowSeconds,
                              @FormParam("from") String from, @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> {
            RateLimiter.Settings settings = new RateLimiter.Settings(number(limit, 1, 1_000_000_000),
                    number(windowSeconds, 1, 86_400));
            limiter.settings(settings);
            return Outcome.of(Json.createObjectBuilder()
                    .add("limit", settings.limit())
                    .add("window_seconds", settings.windowSeconds())
                    .build());
        });
    }

    /** Back to normal: every mode up, default delays and limit, counters zero; tokens and stores stay. */
    @POST
    @Path("reset")
    public Response reset(@FormParam("from") String from, @Context UriInfo uriInfo) {
        return carryOut(from, uriInfo, () -> {
            modes.reset();
            limiter.reset();
            traffic.reset();
            for (AccessToken token : accounts.all()) {
                token.account().mode(ModeSetting.NORMAL);
                token.resetRequests();
            }
            return Outcome.of(stats.build());
        });
    }

    private JsonObject setTokenMode(String token, String mode, String delayMs) {
        AccessToken found = known(token);
        ModeSetting setting = new ModeSetting(failureMode(mode), delay(delayMs));
        found.account().mode(setting);
        return modeJson(setting).add("access_token", found.value()).build();
    }

    private Response carryOut(String from, UriInfo uriInfo, Supplier<Outcome> action) {
        boolean fromPage = "page".equals(from);
        try {
            Outcome outcome = action.get();
            if (fromPage) {
                return Response.seeOther(pageUri(uriInfo, outcome.pageParameter(), outcome.pageValue())).build();
            }
            return Response.ok(outcome.json().toString(), JSON).build();
        } catch (ControlInputException e) {
            if (fromPage) {
                return Response.seeOther(pageUri(uriInfo, "error", e.error())).build();
            }
            String body = Json.createObjectBuilder().add("error", e.error()).add("detail", e.getMessage())
                    .build().toString();
            return Response.status(e.status()).type(JSON).entity(body).build();
        }
    }

    private static java.net.URI pageUri(UriInfo uriInfo, String parameter, String value) {
        UriBuilder uri = uriInfo.getBaseUriBuilder().path("control");
        if (parameter != null) {
            uri.queryParam(parameter, value);
        }
        return uri.build();
    }

    private AccessToken known(String token) {
        return accounts.byValue(token).orElseThrow(ControlInputException::unknownToken);
    }

    private static jakarta.json.JsonObjectBuilder modeJson(ModeSetting setting) {
        return Json.createObjectBuilder().add("mode", setting.mode().wire()).add("delay_ms", setting.delayMs());
    }

    private static JsonObject storesJson(AccessToken token) {
        return Json.createObjectBuilder()
                .add("access_token", token.value())
                .add("stores", token.account().stores().size())
                .build();
    }

    private static FailureMode failureMode(String mode) {
        return FailureMode.parse(mode).orElseThrow(() -> new ControlInputException(400, "unknown_mode",
                "mode must be one of " + FailureMode.names()));
    }

    private static long delay(String delayMs) {
        if (delayMs == null || delayMs.isBlank()) {
            return ModeSetting.DEFAULT_DELAY_MS;
        }
        try {
            long value = Long.parseLong(delayMs.trim());
            if (value >= 0 && value <= ModeSetting.MAX_DELAY_MS) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ControlInputException(400, "invalid_delay",
                "delayMs must be a whole number of milliseconds from 0 to " + ModeSetting.MAX_DELAY_MS);
    }

    private static int number(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ControlInputException(400, "invalid_number", "expected a whole number from " + min + " to " + max);
    }

    /** A JSON array of names, or of {"name": …, "address": …} objects (address optional). */
    private static List<String[]> parseStores(String body) {
        ControlInputException invalid = new ControlInputException(400, "invalid_stores",
                "expected a JSON array of names or of {\"name\",\"address\"} objects, at most " + MAX_STORES);
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().size() > MAX_STORES) {
                throw invalid;
            }
            List<String[]> stores = new ArrayList<>();
            for (JsonValue item : (JsonArray) value) {
                if (item instanceof JsonString name) {
                    stores.add(new String[] {name.getString(), null});
                } else if (item instanceof JsonObject object && object.get("name") instanceof JsonString name
                        && (!object.containsKey("address") || object.isNull("address")
                        || object.get("address") instanceof JsonString)) {
                    String address = object.get("address") instanceof JsonString a ? a.getString() : null;
                    stores.add(new String[] {name.getString(), address});
                } else {
                    throw invalid;
                }
            }
            return stores;
        } catch (JsonException | IllegalStateException malformed) {
            throw invalid;
        }
    }
}
