package ru.connections.evotor;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth {@code state} values this session handed out: random, bound to the session, usable once,
 * valid for ten minutes. A callback with any other state is refused.
 */
@SessionScoped
public class OAuthStates implements Serializable {

    private static final long serialVersionUID = 1L;
    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** A person opening "Подключить" in a few tabs is fine; an endless pile is not. */
    private static final int MAX_OPEN = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Instant> open = new LinkedHashMap<>();
    private final Clock clock;

    public OAuthStates() {
        this(Clock.systemUTC());
    }

    OAuthStates(Clock clock) {
        this.clock = clock;
    }

    public synchronized String issue() {
        Instant now = clock.instant();
        open.values().removeIf(expiry -> !expiry.isAfter(now));
        while (open.size() >= MAX_OPEN) {
            open.remove(open.keySet().iterator().next());
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        open.put(state, now.plus(LIFETIME));
        return state;
    }

    /** True once for a state this session issued less than ten minutes ago. */
    public synchronized boolean consume(String state) {
        if (state == null) {
            return false;
        }
        Instant expiry = open.remove(state);
        return expiry != null && clock.instant().isBefore(expiry);
    }
}
