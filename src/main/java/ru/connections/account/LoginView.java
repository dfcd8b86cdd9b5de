package ru.connections.account;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import ru.connections.platform.Messages;

/** The sign-in form. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    private SecurityContext security;

    @Inject
    private AccountService accounts;

    private String email;
    private String password;
    private String next;

    public void submit() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            Messages.error("login:email", "login.error.missing");
            return;
        }
        if (email.length() > Credentials.EMAIL_MAX || password.length() > Credentials.PASSWORD_MAX) {
            Messages.error("login:email", "login.error.invalid");
            return;
        }
        Optional<Duration> locked = accounts.lockedFor(email);
        if (locked.isPresent()) {
            Messages.error("login:email", "login.error.locked", minutes(locked.get()));
            return;
        }
        AuthenticationStatus status = security.authenticate(
                (HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(email.strip(), new Password(password))));
        switch (status) {
            case SUCCESS -> {
                // A new session id after sign-in, so a session id planted before it is worthless.
                HttpServletRequest request = (HttpServletRequest) external.getRequest();
                if (request.getSession(false) != null) {
                    request.changeSessionId();
                }
                external.redirect(external.getRequestContextPath() + ReturnAddress.safe(next));
            }
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                locked = accounts.lockedFor(email);
                if (locked.isPresent()) {
                    Messages.error("login:email", "login.error.locked", minutes(locked.get()));
                } else {
                    Messages.error("login:email", "login.error.invalid");
                }
            }
        }
    }

    private static long minutes(Duration duration) {
        return Math.max(1, (duration.toSeconds() + 59) / 60);
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
