package ru.connections.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A person's browser, minus JavaScript: keeps cookies, sends a preferred language, submits
 * Faces forms with all their hidden fields, and follows redirects only when asked to.
 */
public final class WebClient {

    private static final Pattern CSP_NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private final LibertyServer server;
    private final HttpClient http;
    private final String language;

    public WebClient(LibertyServer server, String language) {
        this.server = server;
        this.language = language;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1, as browsers speak to a server without TLS.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private WebClient(LibertyServer server, String language, HttpClient http) {
        this.server = server;
        this.language = language;
        this.http = http;
    }

    /** The same browser (same cookies) whose next requests a load balancer sends to {@code other}. */
    public WebClient on(LibertyServer other) {
        return new WebClient(other, language, http);
    }

    /** A Russian-speaking browser. */
    public WebClient(LibertyServer server) {
        this(server, "ru-RU,ru;q=0.9");
    }

    /** One HTTP response, parsed. */
    public record Page(int status, String location, String body, URI uri, Map<String, String> headers) {
        public Document document() {
            return Jsoup.parse(body, uri.toString());
        }

        /** The visible text of the element with this id (the empty string if there is none). */
        public String text(String id) {
            Element element = document().getElementById(id);
            return element == null ? "" : element.text();
        }

        /** All error messages shown next to fields or at the top. */
        public String errors() {
            return document().select(".ui-message-error-detail, .ui-messages-error-summary, .ui-messages-error-detail")
                    .eachText().stream().collect(Collectors.joining("\n"));
        }

        public String infos() {
            return document().select(".ui-messages-info-summary, .ui-messages-info-detail")
                    .eachText().stream().collect(Collectors.joining("\n"));
        }
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    /** GET, following redirects within this server. */
    public Page open(String path) {
        Page page = get(path);
        for (int hops = 0; isRedirect(page) && hops < 10; hops++) {
            page = get(page.location());
        }
        return page;
    }

    /**
     * Submits the form {@code formId} of {@code page} as if {@code button} were clicked, with
     * {@code values} (keyed by the field's id without the form prefix) typed in.
     */
    public Page submit(Page page, String formId, Map<String, String> values, String button) {
        Element form = page.document().getElementById(formId);
        if (form == null) {
            throw new AssertionError("no form '" + formId + "' on " + page.uri() + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (!type.equals("submit") && !type.equals("button")) {
                fields.put(input.attr("name"), input.val());
            }
        }
        values.forEach((id, value) -> fields.put(formId + ":" + id, value));
        fields.put(formId + ":" + button, "");
        // The one thing a browser's JavaScript adds: PrimeFaces sends the page's CSP nonce with every post.
        Matcher nonce = CSP_NONCE.matcher(page.body());
        if (nonce.find()) {
            fields.put("primefaces.nonce", nonce.group(1));
        }
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String action = form.attr("action");
        return send(HttpRequest.newBuilder(resolve(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Submits and follows the redirect that a successful action ends with. */
    public Page submitAndFollow(Page page, String formId, Map<String, String> values, String button) {
        Page result = submit(page, formId, values, button);
        for (int hops = 0; isRedirect(result) && hops < 10; hops++) {
            result = get(result.location());
        }
        return result;
    }

    /** A plain HTML form post (not Faces): {@code fields} are sent as they are named. */
    public Page post(String pathOrUrl, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(resolve(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows redirects from {@code page} on. */
    public Page follow(Page page) {
        Page result = page;
        for (int hops = 0; isRedirect(result) && hops < 10; hops++) {
            result = get(result.location());
        }
        return result;
    }

    public static boolean isRedirect(Page page) {
        return page.status() >= 300 && page.status() < 400;
    }

    private URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : server.uri(pathOrUrl);
    }

    private Page send(HttpRequest.Builder request) {
        request.header("Accept-Language", language).timeout(Duration.ofSeconds(30));
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.body(), built.uri(), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
