package ru.connections.evotor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's connection to their Evotor account. Tokens are held encrypted, as they are stored. */
@Entity
@Table(name = "evotor_connections")
@NamedQuery(name = EvotorConnection.BY_USER, query = "SELECT c FROM EvotorConnection c WHERE c.userId = :userId")
@NamedQuery(name = EvotorConnection.DELETE_BY_USER, query = "DELETE FROM EvotorConnection c WHERE c.userId = :userId")
@NamedQuery(name = EvotorConnection.CARD, query = "SELECT c, h.checkedAt, h.outcome FROM EvotorConnection c"
        + " LEFT JOIN c.checks h ON h.checkedAt >= :since WHERE c.userId = :userId")
@NamedQuery(name = EvotorConnection.DUE, query = "SELECT c FROM EvotorConnection c WHERE c.id > :after"
        + " AND (c.nextCheckAt IS NULL OR c.nextCheckAt <= :now) ORDER BY c.id")
public class EvotorConnection {

    public static final String BY_USER = "EvotorConnection.byUser";
    public static final String DELETE_BY_USER = "EvotorConnection.deleteByUser";
    /** Due connections after a given id: keyset pages stay stable while earlier pages are still in flight. */
    public static final String DUE = "EvotorConnection.due";
    /** The connection with its checks since a time, in one query: one row per check (or one without). */
    public static final String CARD = "EvotorConnection.card";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, unique = true)
    private long userId;

    @Column(name = "access_token", nullable = false, length = 4000)
    private String encryptedAccessToken;

    @Column(name = "token_expires_at")
    private Instant tokenExpiresAt;

    @Column(name = "refresh_token", length = 4000)
    private String encryptedRefreshToken;

    @Column(name = "evotor_user_id", length = 100)
    private String evotorUserId;

    @Column(name = "store_id", length = 100)
    private String storeId;

    @Column(name = "store_name")
    private String storeName;

    @Column(name = "store_count", nullable = false)
    private int storeCount;

    @Column(name = "is_online", nullable = false)
    private boolean online;

    @Column(name = "last_checked_at")
    private Instant lastCheckedAt;

    @Column(name = "next_check_at")
    private Instant nextCheckAt;

    @Column(name = "failure_reason", length = 40)
    private String failureReason;

    @Column(name = "failures_in_row", nullable = false)
    private int failuresInRow;

    @Column(name = "last_latency_ms")
    private Integer lastLatencyMs;

    @Column(name = "status_changed_at")
    private Instant statusChangedAt;

    /** Read only through the card query, which joins the last week's checks. */
    @jakarta.persistence.OneToMany(mappedBy = "connection")
    private java.util.List<ConnectionCheck> checks;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected EvotorConnection() {
    }

    EvotorConnection(long userId, Instant now) {
        this.userId = userId;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public String getEncryptedAccessToken() {
        return encryptedAccessToken;
    }

    String getEncryptedRefreshToken() {
        return encryptedRefreshToken;
    }

    public Instant getTokenExpiresAt() {
        return tokenExpiresAt;
    }

    public String getEvotorUserId() {
        return evotorUserId;
    }

    public String getStoreId() {
        return storeId;
    }

    public String getStoreName() {
        return storeName;
    }

    public int getStoreCount() {
        return storeCount;
    }

    public boolean isOnline() {
        return online;
    }

    public Instant getLastCheckedAt() {
        return lastCheckedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void setTokens(String encryptedAccessToken, Instant expiresAt, String encryptedRefreshToken) {
        this.encryptedAccessToken = encryptedAccessToken;
        this.tokenExpiresAt = expiresAt;
        this.encryptedRefreshToken = encryptedRefreshToken;
    }

    void setAccount(String evotorUserId, String storeId, String storeName, int storeCount) {
        this.evotorUserId = evotorUserId;
        this.storeId = storeId;
        this.storeName = storeName;
        this.storeCount = storeCount;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public int getFailuresInRow() {
        return failuresInRow;
    }

    public Integer getLastLatencyMs() {
        return lastLatencyMs;
    }

    public Instant getStatusChangedAt() {
        return statusChangedAt;
    }

    public Instant getNextCheckAt() {
        return nextCheckAt;
    }

    /** Just verified by a successful call: online, no failure, next checked one interval from now. */
    void markVerified(Instant at, Instant nextCheck) {
        if (!online || statusChangedAt == null) {
            statusChangedAt = at;
        }
        this.online = true;
        this.lastCheckedAt = at;
        this.updatedAt = at;
        this.failureReason = null;
        this.failuresInRow = 0;
        this.nextCheckAt = nextCheck;
    }
}
