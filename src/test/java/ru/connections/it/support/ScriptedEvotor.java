package ru.connections.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evotor's {@code GET /stores} over a raw socket, misbehaving per token the way networks and servers do:
 * a status code, no answer at all, a connection reset in the middle of the body, malformed JSON, an HTML
 * page, a 10 MB body, a body dripping slower than any read timeout. The token names its fault:
 * {@code <fault>-<anything>}, e.g. {@code reset-7f3a}; an unknown fault answers like a healthy account.
 */
public final class ScriptedEvotor implements AutoCloseable {

    private static final String V2_JSON = "application/vnd.evotor.v2+json";
    private static final String STORES = "{\"items\":[{\"id\":\"store-1\",\"name\":\"Магазин у дома\"}],\"paging\":{}}";

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-evotor");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    public ScriptedEvotor() {
        try {
            socket = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads.execute(this::accept);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Requests seen with this token. */
    public int requests(String token) {
        AtomicInteger n = requests.get(token);
        return n == null ? 0 : n.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (open) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            String auth = null;
            String accept = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("authorization:")) {
                    auth = line.substring(14).strip();
                } else if (lower.startsWith("accept:")) {
                    accept = line.substring(7).strip();
                }
            }
            OutputStream out = client.getOutputStream();
            if (requestLine == null || !requestLine.startsWith("GET /stores")) {
                respond(out, 404, "application/json", "{\"code\":404}");
                return;
            }
            if (auth == null || !auth.startsWith("Bearer ")) {
                respond(out, 401, "application/json", "{\"code\":401,\"message\":\"unauthorized\"}");
                return;
            }
            if (accept == null || !accept.contains(V2_JSON)) {
                respond(out, 406, "application/json", "{\"code\":406}");
                return;
            }
            String token = auth.substring(7);
            requests.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            String fault = token.contains("-") ? token.substring(0, token.indexOf('-')) : token;
            misbehave(fault, client, out);
        } catch (IOException | InterruptedException e) {
            // the client gave up or the test is over: nothing to answer
        }
    }

    private void misbehave(String fault, Socket client, OutputStream out) throws IOException, InterruptedException {
        switch (fault) {
            case "401", "402", "403", "404", "500", "502", "503" -> respond(out, Integer.parseInt(fault),
                    "application/json", "{\"code\":" + fault + ",\"message\":\"scripted\"}");
            case "429" -> {
                byte[] body = "{\"code\":429,\"message\":\"too many requests\"}".getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nX-RateLimit-Limit: 10\r\n"
                        + "X-RateLimit-Remaining: 0\r\nX-RateLimit-Reset: 40\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
            }
            case "silent" -> {
                // Reads the request and never answers: the client's read timeout must end it.
                while (open && !client.isClosed() && client.getInputStream().read() >= 0) {
                    Thread.sleep(100);
                }
            }
            case "reset" -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + V2_JSON + "\r\nContent-Length: 4000\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write("{\"items\":[{\"id\":\"store-1\",\"na".getBytes(StandardCharsets.UTF_8));
                out.flush();
                client.setSoLinger(true, 0); // close with RST: the connection is reset mid-body
            }
            case "malformed" -> respond(out, 200, V2_JSON, "{\"items\":[{\"id\":\"store-1\",\"name\":");
            case "html" -> respond(out, 200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><body><h1>Технические работы</h1></body></html>");
            case "huge" -> {
                int size = 10 * 1024 * 1024;
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + V2_JSON + "\r\nContent-Length: " + size
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                chunk[0] = '[';
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, size - sent));
                    chunk[0] = ' ';
                }
            }
            case "drip" -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + V2_JSON + "\r\nContent-Length: " + STORES.length()
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                for (byte b : STORES.getBytes(StandardCharsets.UTF_8)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1000);
                }
            }
            default -> respond(out, 200, V2_JSON, STORES);
        }
        out.flush();
    }

    private static void respond(OutputStream out, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " Scripted\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
        threads.shutdownNow();
    }
}
