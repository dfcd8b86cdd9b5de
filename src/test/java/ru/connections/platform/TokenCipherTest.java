package ru.connections.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final TokenCipher cipher = new TokenCipher(key());

    @Test
    void roundTripsWithoutTheClearTextInTheStoredForm() {
        String sealed = cipher.encrypt("evotor-token-123", "evotor:7:access");
        assertFalse(sealed.contains("evotor-token-123"));
        assertEquals("evotor-token-123", cipher.decrypt(sealed, "evotor:7:access"));
    }

    @Test
    void theSameTokenEncryptsDifferentlyEachTime() {
        assertNotEquals(cipher.encrypt("t", "o"), cipher.encrypt("t", "o"));
    }

    @Test
    void aValueCopiedToAnotherOwnerOrReadWithAnotherKeyFails() {
        String sealed = cipher.encrypt("evotor-token-123", "evotor:7:access");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "evotor:8:access"));
        assertThrows(IllegalStateException.class, () -> new TokenCipher(key()).decrypt(sealed, "evotor:7:access"));
    }

    @Test
    void rejectsKeysOfTheWrongSize() {
        assertThrows(IllegalStateException.class, () -> new TokenCipher(new byte[16]));
    }
}
