package ru.connections.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants for pages. The server does not know the reader's time zone, so a page carries the
 * instant in ISO form and a UTC fallback text; app.js rewrites it in the browser's own zone and language.
 */
@Named
@ApplicationScoped
public class Times {

    private static final DateTimeFormatter FALLBACK = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    public String utc(Instant instant) {
        return instant == null ? "" : FALLBACK.format(instant);
    }
}
