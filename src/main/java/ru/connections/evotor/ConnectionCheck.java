package ru.connections.evotor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One health check of a connection, kept for 30 days (written by the health checker in batches). */
@Entity
@Table(name = "connection_checks")
public class ConnectionCheck {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "connection_id")
    private EvotorConnection connection;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    /** A {@code ProbeOutcome} code: "online", "token_revoked", "timeout", ... */
    @Column(nullable = false, length = 30)
    private String outcome;

    @Column(name = "latency_ms")
    private Integer latencyMs;

    @Column(name = "http_status")
    private Integer httpStatus;

    protected ConnectionCheck() {
    }

    public Instant getCheckedAt() {
        return checkedAt;
    }

    public String getOutcome() {
        return outcome;
    }
}
