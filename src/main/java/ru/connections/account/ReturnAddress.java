package ru.connections.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where to go after signing in. Only a path inside this application is accepted, so a crafted
 * sign-in link cannot send a person to another site.
 */
public final class ReturnAddress {

    public static final String HOME = "/";

    private ReturnAddress() {
    }

    /** The return address for a request to {@code path} with {@code query} (may be null). */
    public static String of(String path, String query) {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    /** {@code target} if it is a page of this application, otherwise the cabinet. */
    public static String safe(String target) {
        if (target == null || target.isEmpty() || target.length() > 2000
                || target.charAt(0) != '/'
                || target.startsWith("//") || target.startsWith("/\\")
                || target.chars().anyMatch(c -> c < 0x20 || c == '\\' || c == 0x7f)) {
            return HOME;
        }
        return target;
    }

    static String asQuery(String target) {
        String safe = safe(target);
        return HOME.equals(safe) ? "" : "?next=" + URLEncoder.encode(safe, StandardCharsets.UTF_8);
    }
}
