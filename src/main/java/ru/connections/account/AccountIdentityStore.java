package ru.connections.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Checks email and password against the users table. */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    /** Every signed-in person has this one role; web.xml requires any authenticated user. */
    static final String ROLE = "user";

    @Inject
    private AccountService accounts;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String email = Credentials.normalizeEmail(credential.getCaller());
        return switch (accounts.verify(email, credential.getPasswordAsString())) {
            case ACCEPTED -> new CredentialValidationResult(email, Set.of(ROLE));
            case REJECTED, LOCKED -> CredentialValidationResult.INVALID_RESULT;
        };
    }
}
