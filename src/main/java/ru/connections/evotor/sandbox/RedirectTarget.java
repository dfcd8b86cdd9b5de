package ru.connections.evotor.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** A redirect_uri the sandbox accepts: absolute http(s) with a host and no fragment (RFC 6749, 3.1.2). */
record RedirectTarget(URI uri) {

    static Optional<RedirectTarget> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(new RedirectTarget(uri));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The address with these parameters added to its query; null values are left out. */
    URI with(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value));
            }
        });
        String base = uri.toString();
        int queryStart = base.indexOf('?');
        return URI.create((queryStart < 0 ? base : base.substring(0, queryStart)) + "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
