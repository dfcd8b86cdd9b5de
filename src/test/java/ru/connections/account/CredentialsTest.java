package ru.connections.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ru.connections.account.Credentials.Problem.*;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void acceptsAnOrdinaryRegistration() {
        assertEquals(Set.of(), Credentials.check("Anna.Petrova@Example.RU", "s3cret-pass", "s3cret-pass"));
    }

    @Test
    void emailIsStoredTrimmedAndLowerCased() {
        assertEquals("anna@example.ru", Credentials.normalizeEmail("  Anna@Example.RU "));
    }

    @Test
    void rejectsMissingAndMalformedEmails() {
        assertEquals(Set.of(EMAIL_MISSING), Credentials.check("  ", "s3cret-pass", "s3cret-pass"));
        for (String bad : new String[] {"anna", "anna@", "@example.ru", "anna@example", "an na@example.ru",
                "anna@@example.ru", "' OR '1'='1"}) {
            assertEquals(Set.of(EMAIL_MALFORMED), Credentials.check(bad, "s3cret-pass", "s3cret-pass"), bad);
        }
    }

    @Test
    void rejectsOverLongEmails() {
        String email = "a".repeat(60) + "@" + "b".repeat(200) + ".ru";
        assertEquals(Set.of(EMAIL_TOO_LONG), Credentials.check(email, "s3cret-pass", "s3cret-pass"));
    }

    @Test
    void passwordRules() {
        assertEquals(Set.of(PASSWORD_MISSING), Credentials.check("a@b.ru", "", ""));
        assertEquals(Set.of(PASSWORD_TOO_SHORT), Credentials.check("a@b.ru", "1234567", "1234567"));
        String tooLong = "x".repeat(Credentials.PASSWORD_MAX + 1);
        assertEquals(Set.of(PASSWORD_TOO_LONG), Credentials.check("a@b.ru", tooLong, tooLong));
        assertEquals(Set.of(PASSWORD_MISMATCH), Credentials.check("a@b.ru", "12345678", "12345679"));
        assertEquals(Set.of(), Credentials.check("a@b.ru", "12345678", "12345678"));
    }

    @Test
    void reportsEveryFieldAtOnce() {
        assertEquals(Set.of(EMAIL_MALFORMED, PASSWORD_TOO_SHORT), Credentials.check("nope", "short", "short"));
    }
}
