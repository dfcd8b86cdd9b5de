package ru.connections.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secrets (Evotor tokens) for the database with AES-256-GCM. The key comes from
 * {@code token.key}; the embedded default may generate one into the server's output directory,
 * while a production configuration without a key stops the application from starting.
 * Each value is bound to its owner (associated data), so a ciphertext copied to another row fails.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TokenCipher {

    private static final Logger LOG = Logger.getLogger(TokenCipher.class.getName());
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    @ConfigProperty(name = "token.key")
    private Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "token.key.generate", defaultValue = "false")
    private boolean generate;

    @Inject
    @ConfigProperty(name = "token.key.file")
    private Optional<String> keyFile;

    private final SecureRandom random = new SecureRandom();
    private SecretKey key;

    public TokenCipher() {
    }

    /** A cipher with a given key, for code that runs outside the server. */
    public TokenCipher(byte[] key) {
        this.key = new SecretKeySpec(decodeKey(Base64.getEncoder().encodeToString(key), "key"), "AES");
    }

    @PostConstruct
    void loadKey() {
        key = new SecretKeySpec(keyBytes(), "AES");
    }

    private byte[] keyBytes() {
        Optional<String> configured = configuredKey.map(String::strip).filter(k -> !k.isEmpty());
        if (configured.isPresent()) {
            return decodeKey(configured.get(), "token.key");
        }
        if (generate && keyFile.isPresent()) {
            return generatedKey(Path.of(keyFile.get()));
        }
        throw new IllegalStateException("No encryption key for stored tokens. Set the server variable token.key "
                + "(environment TOKEN_KEY) to 32 random bytes in base64, e.g. the output of 'openssl rand -base64 32'. "
                + "Every server of one database needs the same key.");
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64: set it to 'openssl rand -base64 32'");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (base64 of 'openssl rand -base64 32'), got "
                    + bytes.length);
        }
        return bytes;
    }

    private byte[] generatedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file).strip(), file.toString());
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
            LOG.info(() -> "Generated the token encryption key at " + file + " (readable by its owner only)");
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token key file " + file, e);
        }
    }

    /** The secret, encrypted and bound to {@code owner}. */
    public String encrypt(String secret, String owner) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** The secret that {@link #encrypt} sealed for {@code owner}. */
    public String decrypt(String sealed, String owner) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("unknown token format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored token could not be decrypted (wrong token.key?)", e);
        }
    }
}
