package ru.connections.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The control API of the simulated Evotor a test server serves at /evotor-sandbox. */
public final class EvotorSandbox {

    private final LibertyServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public EvotorSandbox(LibertyServer server) {
        this.server = server;
    }

    /** A new access token, as a user would copy it from the app's settings in Evotor. */
    public String mintToken() {
        String json = post("/evotor-sandbox/control/tokens", Map.of());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + json);
        }
        return m.group(1);
    }

    /** Gives the account behind {@code token} exactly these stores. */
    public void setStores(String token, List<String> names) {
        String json = names.stream().map(n -> "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        send(HttpRequest.newBuilder(server.uri("/evotor-sandbox/control/tokens/" + token + "/stores"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** How the API answers every token: up, down, slow, rate_limited, revoked, server_error, ... */
    public void mode(String mode) {
        post("/evotor-sandbox/control/mode", Map.of("mode", mode));
    }

    public void tokenMode(String token, String mode) {
        post("/evotor-sandbox/control/tokens/" + token + "/mode", Map.of("mode", mode));
    }

    /** A token's mode with a delay, e.g. "slow" answering after {@code delayMs}. */
    public void tokenMode(String token, String mode, long delayMs) {
        post("/evotor-sandbox/control/tokens/" + token + "/mode",
                Map.of("mode", mode, "delayMs", String.valueOf(delayMs)));
    }

    public void rateLimit(int limit, int windowSeconds) {
        post("/evotor-sandbox/control/rate-limit",
                Map.of("limit", String.valueOf(limit), "windowSeconds", String.valueOf(windowSeconds)));
    }

    /** How many API requests the simulated Evotor has seen for this token. */
    public long requests(String token) {
        String stats = send(HttpRequest.newBuilder(server.uri("/evotor-sandbox/control/stats")).GET());
        Matcher m = Pattern.compile("\"" + Pattern.quote(token) + "\"\\s*:\\s*\\{[^}]*\"requests\"\\s*:\\s*(\\d+)")
                .matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** How the token endpoint answers: none, 400, 500, hang. */
    public void tokenEndpoint(String mode) {
        post("/evotor-sandbox/control/token-endpoint", Map.of("mode", mode));
    }

    public void reset() {
        post("/evotor-sandbox/control/reset", Map.of());
    }

    private String post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException("sandbox control " + response.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The URI as a browser on this machine reaches it. */
    public URI uri(String path) {
        return server.uri(path);
    }
}
