package ru.connections.account;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for what a person may register with; pure logic, so it is tested without a server. */
public final class Credentials {

    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 8;
    /** Long enough for any passphrase, short enough that hashing cannot be used to burn CPU. */
    public static final int PASSWORD_MAX = 128;

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+$");

    /** What is wrong with a registration form, field by field. */
    public enum Problem {
        EMAIL_MISSING, EMAIL_MALFORMED, EMAIL_TOO_LONG,
        PASSWORD_MISSING, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_MISMATCH
    }

    private Credentials() {
    }

    /** The form in which an email is stored and looked up. */
    public static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public static Set<Problem> check(String email, String password, String passwordAgain) {
        Set<Problem> problems = EnumSet.noneOf(Problem.class);
        String normalized = normalizeEmail(email);
        if (normalized.isEmpty()) {
            problems.add(Problem.EMAIL_MISSING);
        } else if (normalized.length() > EMAIL_MAX) {
            problems.add(Problem.EMAIL_TOO_LONG);
        } else if (!EMAIL.matcher(normalized).matches()) {
            problems.add(Problem.EMAIL_MALFORMED);
        }
        if (password == null || password.isEmpty()) {
            problems.add(Problem.PASSWORD_MISSING);
        } else if (password.length() < PASSWORD_MIN) {
            problems.add(Problem.PASSWORD_TOO_SHORT);
        } else if (password.length() > PASSWORD_MAX) {
            problems.add(Problem.PASSWORD_TOO_LONG);
        } else if (!password.equals(passwordAgain)) {
            problems.add(Problem.PASSWORD_MISMATCH);
        }
        return problems;
    }
}
