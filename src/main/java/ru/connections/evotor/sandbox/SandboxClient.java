package ru.connections.evotor.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The one OAuth client the sandbox knows, and the check of its HTTP Basic credentials. */
final class SandboxClient {

    static final String ID = "sandbox-client";
    // Published on purpose: it is the sandbox's documented test secret, not a credential of anything real.
    private static final String SECRET = "sandbox-secret";
    private static final byte[] EXPECTED = (ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8);

    private SandboxClient() {
    }

    /** True if the Authorization header carries this client's id and secret in the Basic scheme. */
    static boolean authenticates(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            byte[] given = Base64.getDecoder().decode(authorization.substring(6).trim());
            return MessageDigest.isEqual(given, EXPECTED);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
