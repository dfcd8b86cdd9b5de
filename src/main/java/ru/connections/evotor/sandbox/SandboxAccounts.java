package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every account and token the sandbox handed out, in memory: a restart forgets them, as a
 * simulation may. Every new access token from a code or from the control page opens a new account.
 */
@ApplicationScoped
public class SandboxAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, AccessToken> byValue = new ConcurrentHashMap<>();
    private final Map<Long, AccessToken> bySerial = new ConcurrentHashMap<>();
    private final Map<String, SandboxAccount> byRefreshToken = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();
    private final AtomicLong accountNumbers = new AtomicLong();

    /** A new account with the default stores, and its first access token. */
    AccessToken open() {
        String userId = String.format("01-%015d", accountNumbers.incrementAndGet());
        SandboxAccount account = new SandboxAccount(userId, randomToken(), Instant.now());
        byRefreshToken.put(account.refreshToken(), account);
        return issue(account);
    }

    Optional<SandboxAccount> byRefreshToken(String refreshToken) {
        return Optional.ofNullable(refreshToken).map(byRefreshToken::get);
    }

    Optional<AccessToken> byValue(String token) {
        return Optional.ofNullable(token).map(byValue::get);
    }

    Optional<AccessToken> bySerial(long serial) {
        return Optional.ofNullable(bySerial.get(serial));
    }

    /** All tokens, oldest first. */
    List<AccessToken> all() {
        return byValue.values().stream().sorted(Comparator.comparingLong(AccessToken::serial)).toList();
    }

    /** A further access token for an existing account, as a refresh grant gives. */
    AccessToken issue(SandboxAccount account) {
        AccessToken token = new AccessToken(serials.incrementAndGet(), randomToken(), account);
        byValue.put(token.value(), token);
        bySerial.put(token.serial(), token);
        return token;
    }

    /** Looks like Evotor's tokens (a UUID) but comes from a strong random source. */
    private static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
