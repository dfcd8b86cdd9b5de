package ru.connections.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evotor's {@code GET /stores} on a loopback port, answering after a fixed latency, counting what it
 * sees: requests per token, in total, in flight now and the most in flight at once.
 */
final class EvotorSimulator implements AutoCloseable {

    static final String V2_JSON = "application/vnd.evotor.v2+json";

    private final HttpServer server;
    private final ExecutorService threads;
    private final long latencyMillis;
    private final Map<String, AtomicInteger> perToken = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    /** Client ports seen: the TCP connections the server opened (reused ones count once). */
    private final java.util.Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private final AtomicLong lastAnswerNanos = new AtomicLong();

    /** Samples of requests in flight every 5 ms while the sweep is active: [at 0, partial, at or above full]. */
    private final long[] occupancy = new long[3];
    private volatile int full = Integer.MAX_VALUE;
    private volatile boolean sampling = true;

    private EvotorSimulator(long latencyMillis, int threadCount) throws IOException {
        this.latencyMillis = latencyMillis;
        Thread sampler = new Thread(this::sample, "evotor-sim-sampler");
        sampler.setDaemon(true);
        sampler.start();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "evotor-sim");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(threads);
        server.createContext("/stores", this::stores);
        server.createContext("/", exchange -> answer(exchange, 404, "application/json", "{\"code\":404}"));
        server.start();
    }

    static EvotorSimulator start(long latencyMillis, int threadCount) throws IOException {
        return new EvotorSimulator(latencyMillis, threadCount);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void sample() {
        while (sampling) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
            // between the first request and the last answer only (last answer not yet known: count while busy
            // or idle for less than 2 s)
            long first = firstRequestNanos.get();
            long last = lastAnswerNanos.get();
            int now = inFlight.get();
            if (first == 0 || (now == 0 && System.nanoTime() - last > 2_000_000_000L)) {
                continue;
            }
            synchronized (occupancy) {
                occupancy[now == 0 ? 0 : now >= full ? 2 : 1]++;
            }
        }
    }

    /** The concurrency the server should reach, for {@link #occupancy()}. */
    void expectFull(int c) {
        full = c;
    }

    /** Share of 5 ms samples of the active period with 0, between 0 and C, and C requests in flight. */
    double[] occupancy() {
        synchronized (occupancy) {
            double sum = Math.max(1, occupancy[0] + occupancy[1] + occupancy[2]);
            return new double[] {occupancy[0] / sum, occupancy[1] / sum, occupancy[2] / sum};
        }
    }

    private void stores(HttpExchange exchange) throws IOException {
        boolean[] left = {false};
        leaving.set(left);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        firstRequestNanos.compareAndSet(0, System.nanoTime());
        try {
            total.incrementAndGet();
            connections.add(exchange.getRemoteAddress().getPort());
            if (!"GET".equals(exchange.getRequestMethod())) {
                rejected.incrementAndGet();
                answer(exchange, 405, "application/json", "{\"code\":405}");
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
                rejected.incrementAndGet();
                answer(exchange, 401, "application/json", "{\"code\":401,\"message\":\"unauthorized\"}");
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept == null || !accept.contains(V2_JSON)) {
                rejected.incrementAndGet();
                answer(exchange, 406, "application/json", "{\"code\":406,\"message\":\"not acceptable\"}");
                return;
            }
            String token = auth.substring(7);
            perToken.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int hash = Math.abs(token.hashCode() % 100000);
            // Out of flight once the answer starts: the client can send its next request only after reading
            // this answer, so a late decrement (this thread descheduled after writing) cannot over-count.
            leave();
            answer(exchange, 200, V2_JSON, "{\"items\":[{\"id\":\"store-" + hash + "\",\"name\":\"Магазин " + hash
                    + "\"}],\"paging\":{}}");
        } finally {
            leave();
            leaving.remove();
        }
    }

    private final ThreadLocal<boolean[]> leaving = new ThreadLocal<>();

    private void leave() {
        boolean[] left = leaving.get();
        if (!left[0]) {
            left[0] = true;
            lastAnswerNanos.set(System.nanoTime());
            inFlight.decrementAndGet();
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Forgets everything counted so far (between runs). */
    synchronized void reset() {
        perToken.clear();
        connections.clear();
        total.set(0);
        rejected.set(0);
        maxInFlight.set(inFlight.get());
        firstRequestNanos.set(0);
        lastAnswerNanos.set(0);
        synchronized (occupancy) {
            java.util.Arrays.fill(occupancy, 0);
        }
    }

    long total() {
        return total.get();
    }

    int connections() {
        return connections.size();
    }

    long rejected() {
        return rejected.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    int distinctTokens() {
        return perToken.size();
    }

    /** Tokens asked for more than once. */
    long repeatedTokens() {
        return perToken.values().stream().filter(c -> c.get() > 1).count();
    }

    Map<String, AtomicInteger> perToken() {
        return perToken;
    }

    /** From the first request to the last answer, in ms (0 if none). */
    long activeMillis() {
        long first = firstRequestNanos.get();
        long last = lastAnswerNanos.get();
        return first == 0 || last == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(last - first);
    }

    @Override
    public void close() {
        sampling = false;
        server.stop(0);
        threads.shutdownNow();
    }
}
