package ru.connections.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of PostgreSQL that reads the frontend (client to server) protocol and
 * counts database round trips: a round trip is a point where the client must wait for the server's
 * ReadyForQuery, i.e. every extended-protocol Sync ('S') and every simple Query ('Q'). Statements are
 * counted too (every Execute 'E' and simple Query), so a JDBC batch shows as many statements in few round
 * trips. Each round trip is attributed to the SQL of its first statement; a round trip of transaction
 * control only (BEGIN/COMMIT/ROLLBACK) to the last real statement on that connection.
 */
final class PgWireCounter implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** key: SQL (shortened) -> [round trips, statements] */
    private final Map<String, long[]> counts = new HashMap<>();
    private volatile boolean closed;

    private PgWireCounter(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        Thread accept = new Thread(this::acceptLoop, "pg-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    static PgWireCounter start(String targetHost, int targetPort) throws IOException {
        return new PgWireCounter(targetHost, targetPort);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                Socket server = new Socket(targetHost, targetPort);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(server, client), "pg-proxy-down").start();
                daemon(() -> frontend(client, server), "pg-proxy-up").start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("pg proxy: " + e);
                }
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Server to client: bytes as they come. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[65536];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Client to server: message by message, counted, forwarded; flushed whenever the client pauses. */
    private void frontend(Socket client, Socket server) {
        Map<String, String> statements = new HashMap<>();
        Map<String, String> portals = new HashMap<>();
        List<String> executed = new ArrayList<>();
        String lastReal = "(none)";
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 65536));
             java.io.DataOutputStream out = new java.io.DataOutputStream(
                     new BufferedOutputStream(server.getOutputStream(), 65536))) {
            // Untyped start-up messages: SSL/GSS requests (answered 'N' by a server without them), then startup.
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                byte[] rest = new byte[length - 8];
                in.readFully(rest);
                out.writeInt(length);
                out.writeInt(code);
                out.write(rest);
                out.flush();
                if (code == CANCEL_REQUEST) {
                    return;
                }
                if (code != SSL_REQUEST && code != GSSENC_REQUEST) {
                    break;
                }
            }
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                out.write(type);
                out.writeInt(length);
                out.write(body);
                switch (type) {
                    case 'P' -> {
                        int[] at = {0};
                        String name = cstring(body, at);
                        String sql = cstring(body, at);
                        statements.put(name, sql);
                    }
                    case 'B' -> {
                        int[] at = {0};
                        String portal = cstring(body, at);
                        String statement = cstring(body, at);
                        portals.put(portal, statements.getOrDefault(statement, "(unknown statement)"));
                    }
                    case 'E' -> {
                        int[] at = {0};
                        String portal = cstring(body, at);
                        executed.add(portals.getOrDefault(portal, "(unknown portal)"));
                    }
                    case 'Q' -> {
                        int[] at = {0};
                        executed.add(cstring(body, at));
                        lastReal = roundTrip(executed, lastReal);
                    }
                    case 'S' -> lastReal = roundTrip(executed, lastReal);
                    case 'X' -> {
                        out.flush();
                        return;
                    }
                    default -> {
                        // Describe, Close, Flush, copy data...: forwarded, not counted
                    }
                }
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // client went away
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private String roundTrip(List<String> executed, String lastReal) {
        String key = null;
        for (String sql : executed) {
            if (!isControl(sql)) {
                key = sql;
                break;
            }
        }
        String attributed = key != null ? key : lastReal;
        String label = key != null ? shorten(key) : (executed.isEmpty() ? "(sync only) after " : "(txn control) after ")
                + shorten(lastReal);
        synchronized (counts) {
            long[] c = counts.computeIfAbsent(label, k -> new long[2]);
            c[0]++;
            for (String sql : executed) {
                // statements are counted under the round trip's label, except a BEGIN the driver prepends
                if (!isControl(sql) || key == null) {
                    c[1]++;
                }
            }
        }
        executed.clear();
        return attributed;
    }

    private static boolean isControl(String sql) {
        String s = sql.strip().toUpperCase(Locale.ROOT);
        return s.isEmpty() || s.startsWith("BEGIN") || s.startsWith("COMMIT") || s.startsWith("ROLLBACK")
                || s.startsWith("SAVEPOINT") || s.startsWith("RELEASE");
    }

    private static String shorten(String sql) {
        // the select list says little; keep what is read from where
        String s = sql.replaceAll("\\s+", " ").strip().replaceFirst("(?i)^SELECT (?!.*\\(SELECT).*? FROM ", "SELECT … FROM ");
        return s.length() > 110 ? s.substring(0, 110) + "…" : s;
    }

    private static String cstring(byte[] body, int[] at) {
        int start = at[0];
        int end = start;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        at[0] = Math.min(body.length, end + 1);
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    /** Starts a new counting window. */
    void reset() {
        synchronized (counts) {
            counts.clear();
        }
    }

    /** Round trips and statements per SQL since the last reset, most round trips first. */
    Map<String, long[]> snapshot() {
        Map<String, long[]> copy = new TreeMap<>();
        synchronized (counts) {
            counts.forEach((k, v) -> copy.put(k, v.clone()));
        }
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(copy.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        Map<String, long[]> sorted = new LinkedHashMap<>();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        sockets.forEach(PgWireCounter::closeQuietly);
    }
}
