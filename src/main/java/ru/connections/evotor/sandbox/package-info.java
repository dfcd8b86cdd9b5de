/**
 * The Evotor sandbox: a simulated Evotor (OAuth consent and token endpoint, store list, failure modes)
 * served at {@code /evotor-sandbox} only while {@code evotor.sandbox.enabled} is true, otherwise 404 everywhere.
 *
 * <h2>Evotor as simulated</h2>
 * <ul>
 * <li>{@code GET /oauth/authorize?client_id=sandbox-client&response_type=code&redirect_uri=…&state=…}: consent
 * page; its buttons {@code approve}/{@code deny} post to {@code /oauth/authorize} and redirect (303) to
 * {@code redirect_uri?code=…&state=…} or {@code redirect_uri?error=access_denied&state=…}.</li>
 * <li>{@code POST /oauth/token}, Basic {@code sandbox-client:sandbox-secret}, grants {@code authorization_code}
 * and {@code refresh_token}; errors are {@code {"error":"invalid_client|invalid_grant|invalid_request|
 * unsupported_grant_type|server_error|temporarily_unavailable"}}.</li>
 * <li>{@code GET /api/stores[?cursor=…]}, {@code Authorization: Bearer …}, {@code Accept:
 * application/vnd.evotor.v2+json}; errors are {@code {"errors":[{"code":1001,"message":"Unauthorized"}]}}
 * with codes 1001 (401), 1002 (402), 1003 (403), 1004 (406), 1005 (400, bad cursor), 1006 (429),
 * 2001 (500), 2002 (503).</li>
 * </ul>
 *
 * <h2>Control API</h2>
 * Form parameters ({@code application/x-www-form-urlencoded}); answers JSON, or 303 to the control page
 * when the form carries {@code from=page}. Bad input: 400 {@code {"error":"unknown_mode|invalid_delay|
 * invalid_number|invalid_stores","detail":…}}, unknown token: 404 {@code {"error":"unknown_token",…}}.
 * <ul>
 * <li>{@code GET /control}: the page for people.</li>
 * <li>{@code GET /control/stats}: {@code {"mode","delay_ms","token_endpoint":{"mode","delay_ms"},
 * "rate_limit":{"limit","window_seconds"},"api_requests","token_requests","in_flight","max_in_flight",
 * "tokens":{"<token>":{"user_id","mode","delay_ms","requests","stores","page_size"}}}}.</li>
 * <li>{@code POST /control/mode} {@code mode=up|down|slow|rate_limited|revoked|not_installed|forbidden|
 * server_error|malformed}, {@code delayMs} (default 15000): {@code {"mode","delay_ms"}}.</li>
 * <li>{@code POST /control/tokens}: a new account, {@code {"access_token","refresh_token","user_id"}}.</li>
 * <li>{@code POST /control/tokens/{token}/mode} (or {@code /control/token-mode} with {@code token=}),
 * {@code mode}, {@code delayMs}: {@code {"mode","delay_ms","access_token"}}. A token's mode other than
 * {@code up} wins over the global mode; {@code revoked} also refuses the account's refresh token.</li>
 * <li>{@code POST /control/tokens/{token}/stores}: JSON body {@code ["name", {"name":…,"address":…}, …]}
 * or form {@code count=N}: {@code {"access_token","stores"}}.</li>
 * <li>{@code POST /control/tokens/{token}/page-size} {@code size=1..1000}: {@code {"access_token","page_size"}}.</li>
 * <li>{@code POST /control/token-endpoint} {@code mode=none|400|500|hang}, {@code delayMs}: {@code {"mode","delay_ms"}}.</li>
 * <li>{@code POST /control/rate-limit} {@code limit}, {@code windowSeconds}: {@code {"limit","window_seconds"}}.</li>
 * <li>{@code POST /control/reset}: all modes up, default delays and rate limit, counters zero; tokens and
 * stores stay. Answers the stats.</li>
 * </ul>
 */
package ru.connections.evotor.sandbox;
