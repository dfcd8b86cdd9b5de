package ru.connections.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evotor's {@code GET /stores} outside every server under test, so that it outlives any of them. Each
 * server gets its own base URL ({@code /<member>}), so every probe is recorded with the token, the time
 * and the server that sent it. Checks the headers the real API requires; answers one store per token.
 */
public final class RecordingEvotor implements AutoCloseable {

    private static final String V2_JSON = "application/vnd.evotor.v2+json";

    /** One request the simulated Evotor answered. */
    public record Probe(String token, String member, Instant at) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64, r -> {
        Thread t = new Thread(r, "recording-evotor");
        t.setDaemon(true);
        return t;
    });
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public RecordingEvotor() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The API URL to configure on one server ({@code evotor.api.url}). */
    public String apiUrl(String member) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + member;
    }

    /** Answers this token only after {@code millis}. */
    public void delay(String token, long millis) {
        delays.put(token, millis);
    }

    public List<Probe> probes() {
        return List.copyOf(probes);
    }

    public int inFlight(String token) {
        AtomicInteger n = inFlight.get(token);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length != 3 || !"stores".equals(path[2]) || !"GET".equals(exchange.getRequestMethod())) {
                answer(exchange, 404, "{\"code\":404,\"message\":\"not found\"}");
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
                answer(exchange, 401, "{\"code\":401,\"message\":\"unauthorized\"}");
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept == null || !accept.contains(V2_JSON)) {
                answer(exchange, 406, "{\"code\":406,\"message\":\"not acceptable\"}");
                return;
            }
            String token = auth.substring(7);
            probes.add(new Probe(token, path[1], Instant.now()));
            AtomicInteger flying = inFlight.computeIfAbsent(token, t -> new AtomicInteger());
            flying.incrementAndGet();
            try {
                Thread.sleep(delays.getOrDefault(token, 0L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                flying.decrementAndGet();
            }
            int n = Math.abs(token.hashCode() % 100_000);
            answer(exchange, 200, "{\"items\":[{\"id\":\"store-" + n + "\",\"name\":\"Магазин " + n + "\"}],"
                    + "\"paging\":{}}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? V2_JSON : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops answering: from now on every connection to it is refused. */
    @Override
    public synchronized void close() {
        if (!threads.isShutdown()) {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
