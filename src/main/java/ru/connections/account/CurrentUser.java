package ru.connections.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/** The signed-in person, for pages and for other features. */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    private SecurityContext security;

    @Inject
    private AccountService accounts;

    private UserAccount account;

    public boolean isSignedIn() {
        return security.getCallerPrincipal() != null;
    }

    public String getEmail() {
        Principal principal = security.getCallerPrincipal();
        return principal == null ? null : principal.getName();
    }

    /** The account row, loaded once per request. */
    public Optional<UserAccount> account() {
        if (account == null && isSignedIn()) {
            account = accounts.find(getEmail()).orElse(null);
        }
        return Optional.ofNullable(account);
    }
}
