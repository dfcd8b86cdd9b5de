package ru.connections.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
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
 * sees: requests per token, in total, in flight now and the most in flight at once. HTTP/1.1 with
 * keep-alive, a thread per connection: the JDK's HttpServer funnels every request through one dispatcher
 * thread, which added about 45 ms per request at 200 requests/s and was measured instead of the server.
 */
final class EvotorSimulator implements AutoCloseable {

    static final String V2_JSON = "application/vnd.evotor.v2+json";

    private final ServerSocket server;
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
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "evotor-sim-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static EvotorSimulator start(long latencyMillis, int threadCount) throws IOException {
        return new EvotorSimulator(latencyMillis, threadCount);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
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

    /** One request as read from the connection. */
    private record Request(String method, String path, Map<String, String> headers, int clientPort) {
    }

    /** The answer to write back. */
    private record Answer(int status, String type, String body) {
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                // closed
            }
        }
    }

    /** Requests of one keep-alive connection, one after another, until the client closes it. */
    private void serve(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream());
             OutputStream out = new BufferedOutputStream(client.getOutputStream())) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new java.util.HashMap<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
                    }
                }
                String[] parts = requestLine.split(" ");
                String path = parts.length > 1 ? parts[1] : "/";
                Request request = new Request(parts[0], path, headers, client.getPort());
                Answer answer = path.equals("/stores") || path.startsWith("/stores?") ? stores(request)
                        : new Answer(404, "application/json", "{\"code\":404}");
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + answer.status() + " X\r\nContent-Type: " + answer.type()
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed the connection
        }
    }

    /** A CRLF-terminated line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private Answer stores(Request request) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        firstRequestNanos.compareAndSet(0, System.nanoTime());
        try {
            total.incrementAndGet();
            connections.add(request.clientPort());
            if (!"GET".equals(request.method())) {
                rejected.incrementAndGet();
                return new Answer(405, "application/json", "{\"code\":405}");
            }
            String auth = request.headers().get("authorization");
            if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
                rejected.incrementAndGet();
                return new Answer(401, "application/json", "{\"code\":401,\"message\":\"unauthorized\"}");
            }
            String accept = request.headers().get("accept");
            if (accept == null || !accept.contains(V2_JSON)) {
                rejected.incrementAndGet();
                return new Answer(406, "application/json", "{\"code\":406,\"message\":\"not acceptable\"}");
            }
            String token = auth.substring(7);
            perToken.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(503, "application/json", "{\"code\":503}");
            }
            int hash = Math.abs(token.hashCode() % 100000);
            return new Answer(200, V2_JSON, "{\"items\":[{\"id\":\"store-" + hash + "\",\"name\":\"Магазин "
                    + hash + "\"}],\"paging\":{}}");
        } finally {
            // Out of flight once the answer is ready: the client can send its next request only after reading it.
            lastAnswerNanos.set(System.nanoTime());
            inFlight.decrementAndGet();
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
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        threads.shutdownNow();
    }
}
