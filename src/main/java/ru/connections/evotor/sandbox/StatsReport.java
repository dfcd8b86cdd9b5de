package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The sandbox's settings and counters as JSON, for tests and load tests. */
@ApplicationScoped
public class StatsReport {

    @Inject
    private SandboxAccounts accounts;
    @Inject
    private FailureModes modes;
    @Inject
    private RateLimiter limiter;
    @Inject
    private Traffic traffic;

    JsonObject build() {
        ModeSetting global = modes.global();
        FailureModes.TokenEndpointSetting tokenEndpoint = modes.tokenEndpoint();
        RateLimiter.Settings rate = limiter.settings();
        JsonObjectBuilder tokens = Json.createObjectBuilder();
        for (AccessToken token : accounts.all()) {
            tokens.add(token.value(), token(token));
        }
        return Json.createObjectBuilder()
                .add("mode", global.mode().wire())
                .add("delay_ms", global.delayMs())
                .add("token_endpoint", Json.createObjectBuilder()
                        .add("mode", tokenEndpoint.failure().wire())
                        .add("delay_ms", tokenEndpoint.delayMs()))
                .add("rate_limit", Json.createObjectBuilder()
                        .add("limit", rate.limit())
                        .add("window_seconds", rate.windowSeconds()))
                .add("api_requests", traffic.apiRequests())
                .add("token_requests", traffic.tokenRequests())
                .add("in_flight", traffic.inFlight())
                .add("max_in_flight", traffic.maxInFlight())
                .add("tokens", tokens)
                .build();
    }

    static JsonObjectBuilder token(AccessToken token) {
        SandboxAccount account = token.account();
        return Json.createObjectBuilder()
                .add("user_id", account.userId())
                .add("mode", account.mode().mode().wire())
                .add("delay_ms", account.mode().delayMs())
                .add("requests", token.requests())
                .add("stores", account.stores().size())
                .add("page_size", account.pageSize());
    }
}
