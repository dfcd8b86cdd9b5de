package ru.connections.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Open Liberty server running the real WAR, cloned from the server that the
 * liberty-maven-plugin laid down in pre-integration-test, with its own ports and settings.
 * Settings go into the clone's server.env, exactly as ops would set them.
 */
public final class LibertyServer implements AutoCloseable {

    private static final Path WLP = Path.of(System.getProperty("wlp.dir", "target/liberty/wlp")).toAbsolutePath();
    private static final String TEMPLATE = System.getProperty("wlp.template.server", "connections");
    private static final List<String> NOT_CLONED = List.of("logs", "workarea", "data", "tranlog", "resources");

    private final String name;
    private final Path dir;
    private final int httpPort;
    private final int httpsPort;
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean running;

    private LibertyServer(String name, Map<String, String> settings) {
        this.name = name;
        this.dir = WLP.resolve("usr/servers").resolve(name);
        this.httpPort = freePort();
        this.httpsPort = freePort();
        env.put("HTTP_PORT", String.valueOf(httpPort));
        env.put("HTTPS_PORT", String.valueOf(httpsPort));
        env.putAll(settings);
    }

    /** A fresh server named {@code name} (any earlier one of that name is removed) with these settings. */
    public static LibertyServer create(String name, Map<String, String> settings) {
        LibertyServer server = new LibertyServer(name, settings);
        server.layDown();
        return server;
    }

    private void layDown() {
        Path template = WLP.resolve("usr/servers").resolve(TEMPLATE);
        if (!Files.isDirectory(template.resolve("apps"))) {
            throw new IllegalStateException("No Liberty server at " + template + ": run through 'mvn verify'");
        }
        deleteTree(dir);
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = template.relativize(source);
                if (relative.getNameCount() > 0 && NOT_CLONED.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = dir.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            writeEnv();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds compiled test classes (from target/test-classes) to this server's copy of the WAR, e.g. an
     * extra CDI bean that exists only for a test. The application's own WAR is not touched.
     */
    public LibertyServer withTestClasses(Class<?>... classes) {
        Path war = dir.resolve("apps/connections.war");
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(war)) {
            for (Class<?> type : classes) {
                String file = type.getName().replace('.', '/') + ".class";
                Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(file);
                Path target = zip.getPath("/WEB-INF/classes/" + file);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Changes a setting; it takes effect at the next start. */
    public LibertyServer set(String key, String value) {
        env.put(key, value);
        writeEnv();
        return this;
    }

    private void writeEnv() {
        StringBuilder text = new StringBuilder();
        env.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(dir.resolve("server.env"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server and waits until it answers HTTP (not necessarily ready). */
    public LibertyServer start() {
        run("start");
        running = true;
        return this;
    }

    /** Starts and waits until readiness is UP. */
    public LibertyServer startReady() {
        start();
        awaitReady(Duration.ofSeconds(120));
        return this;
    }

    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (healthStatus("/health/ready") == 200) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("Server " + name + " not ready within " + timeout + "\n" + logTail());
    }

    /** HTTP status of a health endpoint: 200 UP, 503 DOWN, -1 not answering. */
    public int healthStatus(String path) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public void stop() {
        if (running) {
            run("stop");
            running = false;
        }
    }

    /** The running server's process id. */
    public long pid() {
        try {
            return Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + name + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: no shutdown hooks, no clean stop. */
    public void kill() {
        long pid = pid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        running = false;
    }

    @Override
    public void close() {
        stop();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + httpPort + path);
    }

    public int httpsPort() {
        return httpsPort;
    }

    public String name() {
        return name;
    }

    public Path directory() {
        return dir;
    }

    /** Everything the server logged to messages.log so far. */
    public String log() {
        try {
            Path log = dir.resolve("logs/messages.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logTail() {
        String log = log();
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    private void run(String action) {
        ProcessBuilder builder = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WLP.resolve("usr/servers/" + name + ".console").toFile()));
        try {
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server " + action + " " + name + " did not finish in 180 s");
            }
            if (process.exitValue() != 0 && !"stop".equals(action)) {
                throw new IllegalStateException("server " + action + " " + name + " exited " + process.exitValue()
                        + "\n" + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
