package ru.connections.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import ru.connections.platform.Messages;

/** The registration form. A valid form creates the account and sends the person to sign in. */
@Named
@RequestScoped
public class RegisterView {

    @Inject
    private AccountService accounts;

    private String email;
    private String password;
    private String passwordAgain;

    public String submit() {
        Set<Credentials.Problem> problems = Credentials.check(email, password, passwordAgain);
        for (Credentials.Problem problem : problems) {
            Messages.error(fieldOf(problem), "register.error." + problem.name().toLowerCase());
        }
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            accounts.register(email, password);
        } catch (EmailTakenException e) {
            Messages.error("register:email", "register.error.email_taken");
            return null;
        }
        Messages.flash("register.done");
        return "/login?faces-redirect=true";
    }

    private static String fieldOf(Credentials.Problem problem) {
        return switch (problem) {
            case EMAIL_MISSING, EMAIL_MALFORMED, EMAIL_TOO_LONG -> "register:email";
            case PASSWORD_MISMATCH -> "register:passwordAgain";
            default -> "register:password";
        };
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

    public String getPasswordAgain() {
        return passwordAgain;
    }

    public void setPasswordAgain(String passwordAgain) {
        this.passwordAgain = passwordAgain;
    }
}
