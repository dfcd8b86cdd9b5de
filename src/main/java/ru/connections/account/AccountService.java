package ru.connections.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Creates accounts and checks passwords, counting wrong ones against the account. */
@ApplicationScoped
public class AccountService {

    /** The outcome of a password check. */
    public enum Verdict { ACCEPTED, REJECTED, LOCKED }

    @PersistenceContext
    private EntityManager em;

    @Inject
    private PasswordHasher hasher;

    private final Clock clock = Clock.systemUTC();

    @Transactional(rollbackOn = EmailTakenException.class)
    public UserAccount register(String email, String password) throws EmailTakenException {
        String normalized = Credentials.normalizeEmail(email);
        if (find(normalized).isPresent()) {
            throw new EmailTakenException();
        }
        UserAccount account = new UserAccount(normalized, hasher.hash(password), clock.instant());
        try {
            em.persist(account);
            em.flush();
        } catch (PersistenceException e) {
            if (isConstraintViolation(e)) {
                // Someone registered the same email between the check and the insert.
                throw new EmailTakenException();
            }
            throw e;
        }
        return account;
    }

    @Transactional
    public Verdict verify(String email, String password) {
        Optional<UserAccount> found = find(Credentials.normalizeEmail(email));
        if (found.isEmpty()) {
            hasher.burnOneVerification(password);
            return Verdict.REJECTED;
        }
        UserAccount account = em.find(UserAccount.class, found.get().getId(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (LoginThrottle.lockedFor(account.failureWindow(), now).isPresent()) {
            return Verdict.LOCKED;
        }
        if (hasher.matches(password, account.getPasswordHash())) {
            account.setFailureWindow(LoginThrottle.Window.CLEAR);
            return Verdict.ACCEPTED;
        }
        account.setFailureWindow(LoginThrottle.afterFailure(account.failureWindow(), now));
        return Verdict.REJECTED;
    }

    /** How long sign-in stays refused for this email, if it is. */
    @Transactional
    public Optional<Duration> lockedFor(String email) {
        return find(Credentials.normalizeEmail(email))
                .flatMap(account -> LoginThrottle.lockedFor(account.failureWindow(), clock.instant()));
    }

    private static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    public Optional<UserAccount> find(String normalizedEmail) {
        return em.createNamedQuery(UserAccount.BY_EMAIL, UserAccount.class)
                .setParameter("email", normalizedEmail)
                .getResultStream()
                .findFirst();
    }
}
