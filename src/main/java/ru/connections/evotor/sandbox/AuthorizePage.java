package ru.connections.evotor.sandbox;

/** The simulated Evotor's consent page and the page it shows for a broken authorization request. */
final class AuthorizePage {

    private AuthorizePage() {
    }

    /** Asks the person whether the app may read their stores; both buttons post to {@code action}. */
    static String consent(String action, String clientId, RedirectTarget target, String redirectUri, String state) {
        String body = "<p>Приложение <strong id=\"client-name\">" + Html.escape(clientId) + "</strong> просит доступ "
                + "к вашим магазинам в Эвоторе: оно сможет читать их список (названия и адреса).</p>"
                + "<p>Разрешить приложению доступ к магазинам?</p>"
                + "<form method=\"post\" id=\"consent\" action=\"" + Html.escape(action) + "\">"
                + hidden("client_id", clientId) + hidden("redirect_uri", redirectUri)
                + (state == null ? "" : hidden("state", state))
                + "<button type=\"submit\" id=\"approve\" name=\"decision\" value=\"approve\">Разрешить</button>"
                + "<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Отказать</button>"
                + "</form>"
                + "<p>После ответа вы вернётесь на <code id=\"redirect-host\">"
                + Html.escape(target.uri().getHost()) + "</code>.</p>";
        return Html.page("Доступ к магазинам", body);
    }

    static String error(String message) {
        return Html.page("Ошибка запроса доступа",
                "<p class=\"error\" id=\"authorize-error\">" + Html.escape(message) + "</p>"
                        + "<p>Вернитесь в приложение и начните подключение заново.</p>");
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
    }
}
