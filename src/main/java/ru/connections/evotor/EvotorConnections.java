package ru.connections.evotor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import ru.connections.platform.TokenCipher;

/** The stored Evotor connections: one per user, tokens encrypted and bound to their row's owner. */
@ApplicationScoped
public class EvotorConnections {

    static final int STORE_NAME_MAX = 255;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private TokenCipher cipher;

    @Inject
    @ConfigProperty(name = "health.check.interval.seconds", defaultValue = "600")
    private long checkInterval;

    private final Clock clock = Clock.systemUTC();

    public Optional<EvotorConnection> forUser(long userId) {
        return em.createNamedQuery(EvotorConnection.BY_USER, EvotorConnection.class)
                .setParameter("userId", userId)
                .getResultStream()
                .findFirst();
    }

    /**
     * Saves what a successful connect brought: the user's one connection is created, or updated in
     * place (same id) when they connect again. The stores were just read, so it is online now.
     */
    @Transactional
    public EvotorConnection save(long userId, TokenGrant grant, List<EvotorStore> stores) {
        Instant now = clock.instant();
        EvotorConnection connection = forUser(userId).orElseGet(() -> new EvotorConnection(userId, now));
        connection.setTokens(
                cipher.encrypt(grant.accessToken(), owner(userId, "access")),
                grant.expiresIn().map(now::plus).orElse(null),
                grant.refreshToken().map(t -> cipher.encrypt(t, owner(userId, "refresh"))).orElse(null));
        EvotorStore first = stores.isEmpty() ? null : stores.get(0);
        connection.setAccount(
                first == null ? null : first.userId().orElse(null),
                first == null ? null : first.id(),
                first == null ? null : truncate(first.name()),
                stores.size());
        // Connecting read the stores: that was a check, so the next is one interval away.
        connection.markVerified(now, now.plusSeconds(checkInterval));
        if (connection.getId() == null) {
            em.persist(connection);
        }
        return connection;
    }

    /** Deletes the user's connection and its tokens; false if there was none. */
    @Transactional
    public boolean disconnect(long userId) {
        return em.createNamedQuery(EvotorConnection.DELETE_BY_USER).setParameter("userId", userId).executeUpdate() > 0;
    }

    /** The user's connection with its checks since {@code since}, in one query. */
    public List<Object[]> cardRows(long userId, Instant since) {
        return em.createNamedQuery(EvotorConnection.CARD, Object[].class)
                .setParameter("userId", userId)
                .setParameter("since", since)
                .getResultList();
    }

    /** Up to {@code max} connections due at {@code now} with an id above {@code afterId}, by id. */
    public List<EvotorConnection> due(Instant now, long afterId, int max) {
        return em.createNamedQuery(EvotorConnection.DUE, EvotorConnection.class)
                .setParameter("after", afterId)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
    }

    /** The access token in clear, for a call to Evotor. */
    public String accessToken(EvotorConnection connection) {
        return cipher.decrypt(connection.getEncryptedAccessToken(), owner(connection.getUserId(), "access"));
    }

    public Optional<String> refreshToken(EvotorConnection connection) {
        return Optional.ofNullable(connection.getEncryptedRefreshToken())
                .map(t -> cipher.decrypt(t, owner(connection.getUserId(), "refresh")));
    }

    /** The stored (encrypted) forms of a refreshed grant, for the health checker's batch write. */
    public SealedTokens seal(long userId, TokenGrant grant, Instant now) {
        return new SealedTokens(cipher.encrypt(grant.accessToken(), owner(userId, "access")),
                grant.expiresIn().map(now::plus).orElse(null),
                grant.refreshToken().map(t -> cipher.encrypt(t, owner(userId, "refresh"))).orElse(null));
    }

    /** Encrypted tokens as stored. */
    public record SealedTokens(String accessToken, Instant expiresAt, String refreshToken) {
    }

    private static String owner(long userId, String kind) {
        return "evotor:" + userId + ":" + kind;
    }

    private static String truncate(String name) {
        return name.length() <= STORE_NAME_MAX ? name : name.substring(0, STORE_NAME_MAX - 1) + "…";
    }
}
