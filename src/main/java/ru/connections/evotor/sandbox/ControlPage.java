package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** The control page: mint a token, switch failures on and off, revoke a token, read the counters. */
@ApplicationScoped
public class ControlPage {

    /** More would make the page useless after a load test; stats has them all. */
    static final int TOKENS_SHOWN = 50;

    private static final Map<String, String> ERRORS = Map.of(
            "unknown_mode", "Неизвестный режим.",
            "invalid_delay", "Задержка — целое число миллисекунд от 0 до " + ModeSetting.MAX_DELAY_MS + ".",
            "invalid_number", "Нужно целое число в допустимых пределах.",
            "unknown_token", "Такой токен песочница не выдавала.",
            "invalid_stores", "Список магазинов не удалось разобрать.");

    @Inject
    private SandboxAccounts accounts;
    @Inject
    private FailureModes modes;
    @Inject
    private RateLimiter limiter;
    @Inject
    private Traffic traffic;

    /**
     * The page; {@code base} is the sandbox's path ({@code /evotor-sandbox/}), {@code minted} the token
     * just minted (or null) and {@code error} the code of the control request that just failed (or null).
     */
    String render(String base, AccessToken minted, String error) {
        StringBuilder body = new StringBuilder();
        if (error != null) {
            body.append("<p class=\"error\" id=\"control-error\">")
                    .append(Html.escape(ERRORS.getOrDefault(error, "Запрос не выполнен."))).append("</p>");
        }
        mintSection(body, base, minted);
        modeSection(body, base);
        tokenSection(body, base);
        tokenEndpointSection(body, base);
        rateLimitSection(body, base);
        countersSection(body, base);
        return Html.page("Эвотор — песочница: управление", body.toString());
    }

    private void mintSection(StringBuilder body, String base, AccessToken minted) {
        body.append("<section><h2>Токен для приложения</h2>")
                .append("<p>Так выглядит токен, который пользователь копирует на вкладке «Настройки» приложения "
                        + "в Эвоторе. У каждого токена свой аккаунт с тремя магазинами.</p>")
                .append(form(base, "control/tokens", "mint"))
                .append("<button type=\"submit\" id=\"mint-token\">Выпустить токен</button></form>");
        if (minted != null) {
            body.append("<p>Скопируйте токен: <code id=\"minted-token\">").append(Html.escape(minted.value()))
                    .append("</code></p>");
        }
        body.append("</section>");
    }

    private void modeSection(StringBuilder body, String base) {
        ModeSetting global = modes.global();
        body.append("<section><h2>Режим Эвотора</h2><p>Сейчас: <strong id=\"current-mode\">")
                .append(Html.escape(global.mode().wire())).append("</strong> — ")
                .append(Html.escape(global.mode().label())).append(", задержка ").append(global.delayMs())
                .append(" мс.</p>")
                .append(form(base, "control/mode", "mode-form"))
                .append(modeSelect("mode-select", global.mode()))
                .append(delayInput("mode-delay", global.delayMs()))
                .append("<button type=\"submit\" id=\"set-mode\">Применить</button></form></section>");
    }

    private void tokenSection(StringBuilder body, String base) {
        body.append("<section><h2>Отдельный токен</h2>")
                .append(form(base, "control/token-mode", "revoke-form"))
                .append("<input type=\"hidden\" name=\"mode\" value=\"revoked\">")
                .append("<label>Токен <input type=\"text\" name=\"token\" id=\"revoke-token-value\" size=\"40\" "
                        + "required></label>")
                .append("<button type=\"submit\" id=\"revoke-token\">Отозвать</button></form>")
                .append(form(base, "control/token-mode", "token-mode-form"))
                .append("<label>Токен <input type=\"text\" name=\"token\" id=\"token-mode-value\" size=\"40\" "
                        + "required></label>")
                .append(modeSelect("token-mode-select", FailureMode.UP))
                .append(delayInput("token-mode-delay", ModeSetting.DEFAULT_DELAY_MS))
                .append("<button type=\"submit\" id=\"set-token-mode\">Применить к токену</button></form>")
                .append("<p>Режим токена, если он не «up», важнее общего режима.</p></section>");
    }

    private void tokenEndpointSection(StringBuilder body, String base) {
        FailureModes.TokenEndpointSetting current = modes.tokenEndpoint();
        body.append("<section><h2>Выдача токенов (/oauth/token)</h2><p>Сейчас: <strong id=\"current-token-endpoint\">")
                .append(Html.escape(current.failure().wire())).append("</strong> — ")
                .append(Html.escape(current.failure().label())).append(".</p>")
                .append(form(base, "control/token-endpoint", "token-endpoint-form"))
                .append("<label>Режим <select name=\"mode\" id=\"token-endpoint-select\">");
        for (TokenEndpointFailure failure : TokenEndpointFailure.values()) {
            body.append(option(failure.wire(), failure.wire() + " — " + failure.label(), failure == current.failure()));
        }
        body.append("</select></label>")
                .append(delayInput("token-endpoint-delay", current.delayMs()))
                .append("<button type=\"submit\" id=\"set-token-endpoint\">Применить</button></form></section>");
    }

    private void rateLimitSection(StringBuilder body, String base) {
        RateLimiter.Settings rate = limiter.settings();
        body.append("<section><h2>Лимит запросов</h2>")
                .append(form(base, "control/rate-limit", "rate-limit-form"))
                .append("<label>Запросов <input type=\"number\" name=\"limit\" min=\"1\" value=\"")
                .append(rate.limit()).append("\"></label>")
                .append("<label>за секунд <input type=\"number\" name=\"windowSeconds\" min=\"1\" value=\"")
                .append(rate.windowSeconds()).append("\"></label>")
                .append("<button type=\"submit\" id=\"set-rate-limit\">Применить</button></form></section>");
    }

    private void countersSection(StringBuilder body, String base) {
        body.append("<section><h2>Счётчики</h2><table id=\"counters\">")
                .append(row("Запросов к API", "api-requests", traffic.apiRequests()))
                .append(row("Запросов к /oauth/token", "token-requests", traffic.tokenRequests()))
                .append(row("Выполняется сейчас", "in-flight", traffic.inFlight()))
                .append(row("Больше всего одновременно", "max-in-flight", traffic.maxInFlight()))
                .append("</table>");
        List<AccessToken> all = accounts.all();
        List<AccessToken> shown = all.subList(Math.max(0, all.size() - TOKENS_SHOWN), all.size());
        body.append("<h3>Токены (").append(all.size()).append(")</h3><table id=\"tokens\"><tr><th>Токен</th>"
                + "<th>user_id</th><th>Режим</th><th>Запросов</th><th>Магазинов</th></tr>");
        for (int i = shown.size() - 1; i >= 0; i--) {
            AccessToken token = shown.get(i);
            SandboxAccount account = token.account();
            body.append("<tr><td><code>").append(Html.escape(token.value())).append("</code></td><td>")
                    .append(Html.escape(account.userId())).append("</td><td>")
                    .append(Html.escape(account.mode().mode().wire())).append("</td><td>")
                    .append(token.requests()).append("</td><td>").append(account.stores().size())
                    .append("</td></tr>");
        }
        body.append("</table>")
                .append(form(base, "control/reset", "reset-form"))
                .append("<button type=\"submit\" id=\"reset\">Сбросить режимы и счётчики</button></form>")
                .append("<p>Сброс возвращает все режимы и лимит к исходным и обнуляет счётчики; "
                        + "токены и их магазины остаются.</p></section>");
    }

    private static String form(String base, String path, String id) {
        return "<form method=\"post\" id=\"" + id + "\" action=\"" + Html.escape(base + path) + "\">"
                + "<input type=\"hidden\" name=\"from\" value=\"page\">";
    }

    private static String modeSelect(String id, FailureMode selected) {
        StringBuilder select = new StringBuilder("<label>Режим <select name=\"mode\" id=\"" + id + "\">");
        for (FailureMode mode : FailureMode.values()) {
            select.append(option(mode.wire(), mode.wire() + " — " + mode.label(), mode == selected));
        }
        return select.append("</select></label>").toString();
    }

    private static String delayInput(String id, long value) {
        return "<label>Задержка, мс <input type=\"number\" name=\"delayMs\" id=\"" + id + "\" min=\"0\" max=\""
                + ModeSetting.MAX_DELAY_MS + "\" value=\"" + value + "\"></label>";
    }

    private static String option(String value, String label, boolean selected) {
        return "<option value=\"" + Html.escape(value) + "\"" + (selected ? " selected" : "") + ">"
                + Html.escape(label) + "</option>";
    }

    private static String row(String label, String id, long value) {
        return "<tr><th>" + Html.escape(label) + "</th><td id=\"" + id + "\">" + value + "</td></tr>";
    }
}
