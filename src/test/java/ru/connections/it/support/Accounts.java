package ru.connections.it.support;

import java.util.Map;
import java.util.UUID;

/** Registration and sign-in through the real pages, for tests that need a signed-in person. */
public final class Accounts {

    public static final String PASSWORD = "correct-horse-42";

    private Accounts() {
    }

    /** An email no earlier test has used. */
    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static WebClient.Page register(WebClient client, String email, String password, String again) {
        WebClient.Page form = client.get("/register");
        return client.submit(form, "register",
                Map.of("email", email, "password", password, "passwordAgain", again), "submit");
    }

    public static WebClient.Page signIn(WebClient client, String email, String password) {
        WebClient.Page form = client.get("/login");
        return client.submit(form, "login", Map.of("email", email, "password", password), "submit");
    }

    /** A new account, signed in on {@code client}; returns its email. */
    public static String signedIn(WebClient client, String prefix) {
        String email = uniqueEmail(prefix);
        WebClient.Page registered = register(client, email, PASSWORD, PASSWORD);
        if (!WebClient.isRedirect(registered)) {
            throw new AssertionError("registration failed: " + registered.errors());
        }
        WebClient.Page signedIn = signIn(client, email, PASSWORD);
        if (!WebClient.isRedirect(signedIn)) {
            throw new AssertionError("sign-in failed: " + signedIn.errors());
        }
        return email;
    }
}
