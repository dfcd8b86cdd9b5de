package ru.connections.evotor.sandbox;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** The sandbox's own HTML pages: escaping and the frame that marks every page as a simulation. */
final class Html {

    static final String TITLE = "Эвотор — песочница";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem;color:#222}
            .simulation{background:#fff3cd;border:1px solid #e0b84d;padding:.6rem 1rem;border-radius:.3rem}
            .error{background:#f8d7da;border:1px solid #d9534f;padding:.6rem 1rem;border-radius:.3rem}
            section{border-top:1px solid #ddd;margin-top:1.2rem;padding-top:.4rem}
            table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
            code{background:#f3f3f3;padding:.1rem .3rem;word-break:break-all}
            button{padding:.4rem 1rem;margin:.2rem .4rem .2rem 0}label{margin-right:.6rem}
            """;

    private Html() {
    }

    /** Text made safe for element content and for quoted attribute values; null becomes empty. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * An HTML answer. Sent as bytes: RESTEasy escapes a String entity of a 400 text/html answer once
     * more, which would show our already escaped markup as text.
     */
    static Response answer(int status, String page) {
        return Response.status(status)
                .type("text/html;charset=UTF-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(page.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** A whole page; {@code body} must already be escaped markup. */
    static String page(String heading, String body) {
        return "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + escape(TITLE) + "</title><style>" + STYLE + "</style></head><body>"
                + "<p class=\"simulation\" id=\"simulation-notice\"><strong>Симуляция.</strong> Это не настоящий "
                + "Эвотор, а песочница для проверки подключения: данные вымышлены, ничего никуда не передаётся.</p>"
                + "<h1>" + escape(heading) + "</h1>" + body + "</body></html>";
    }
}
