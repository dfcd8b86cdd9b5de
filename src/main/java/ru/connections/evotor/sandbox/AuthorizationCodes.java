package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Authorization codes: single use, valid for ten minutes, only with the redirect_uri they were issued for. */
@ApplicationScoped
public class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(String redirectUri, Instant expiresAt) {
    }

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    public AuthorizationCodes() {
        this(Clock.systemUTC());
    }

    AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    String issue(String redirectUri) {
        Instant now = clock.instant();
        // Codes nobody exchanged would otherwise pile up for as long as the server runs.
        issued.values().removeIf(code -> !code.expiresAt().isAfter(now));
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        issued.put(code, new Issued(redirectUri, now.plus(LIFETIME)));
        return code;
    }

    /**
     * True if the code is known, fresh and was issued for this redirect_uri. Any attempt uses the
     * code up, a failed one included, so a code that leaked cannot be tried twice.
     */
    boolean redeem(String code, String redirectUri) {
        Issued found = code == null ? null : issued.remove(code);
        return found != null && found.expiresAt().isAfter(clock.instant()) && found.redirectUri().equals(redirectUri);
    }
}
