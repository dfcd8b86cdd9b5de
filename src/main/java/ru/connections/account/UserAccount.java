package ru.connections.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who can sign in. The email is stored trimmed and lower-cased, so it is unique as typed. */
@Entity
@Table(name = "users")
@NamedQuery(name = UserAccount.BY_EMAIL, query = "SELECT u FROM UserAccount u WHERE u.email = :email")
public class UserAccount {

    public static final String BY_EMAIL = "UserAccount.byEmail";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = Credentials.EMAIL_MAX)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "failed_logins_since")
    private Instant failedLoginsSince;

    protected UserAccount() {
    }

    UserAccount(String email, String passwordHash, Instant createdAt) {
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    LoginThrottle.Window failureWindow() {
        return new LoginThrottle.Window(failedLogins, failedLoginsSince);
    }

    void setFailureWindow(LoginThrottle.Window window) {
        this.failedLogins = window.failures();
        this.failedLoginsSince = window.since();
    }
}
