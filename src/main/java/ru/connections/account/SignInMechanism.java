package ru.connections.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Set;

/**
 * Sign-in through our own form. Who signed in is kept in the HTTP session and handed to the
 * container on every request; not with {@code @AutoApplySession}, which on Liberty re-issues an ever
 * longer LTPA token into the authentication cache on every request of a session (a polling page ran a
 * server out of heap within hours). An anonymous request for a protected page is sent to
 * {@code /login?next=<that page>}; the sign-in page returns there afterwards, after
 * {@link ReturnAddress} has made sure it is a page of this application.
 */
@ApplicationScoped
public class SignInMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login";
    /** The session attribute that remembers who signed in. */
    static final String SIGNED_IN = SignInMechanism.class.getName() + ".email";

    @Inject
    private IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential != null) {
            CredentialValidationResult result = identityStores.validate(credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                request.getSession().setAttribute(SIGNED_IN, result.getCallerPrincipal().getName());
                return context.notifyContainerAboutLogin(result.getCallerPrincipal().getName(), result.getCallerGroups());
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        HttpSession session = request.getSession(false);
        Object signedIn = session == null ? null : session.getAttribute(SIGNED_IN);
        if (signedIn instanceof String email) {
            return context.notifyContainerAboutLogin(email, Set.of(AccountIdentityStore.ROLE));
        }
        if (context.isProtected()) {
            String target = ReturnAddress.of(request.getRequestURI().substring(request.getContextPath().length()),
                    request.getQueryString());
            return context.redirect(request.getContextPath() + LOGIN_PAGE + ReturnAddress.asQuery(target));
        }
        return context.doNothing();
    }
}
