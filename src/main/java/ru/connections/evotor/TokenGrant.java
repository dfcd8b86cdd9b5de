package ru.connections.evotor;

import java.time.Duration;
import java.util.Optional;

/** What Evotor's token endpoint granted. Its toString never shows the tokens. */
public record TokenGrant(String accessToken, Optional<Duration> expiresIn, Optional<String> refreshToken) {

    @Override
    public String toString() {
        return "TokenGrant[expiresIn=" + expiresIn + ", refreshToken=" + refreshToken.isPresent() + "]";
    }
}
