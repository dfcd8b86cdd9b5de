package ru.connections.evotor;

/** Which message a user sees for each way Evotor can fail. */
final class EvotorMessages {

    private EvotorMessages() {
    }

    static String keyFor(EvotorException e) {
        return switch (e.reason()) {
            case TOKEN_REJECTED -> "evotor.error.token_rejected";
            case NOT_INSTALLED -> "evotor.error.not_installed";
            case FORBIDDEN -> "evotor.error.forbidden";
            case RATE_LIMITED -> "evotor.error.rate_limited";
            case GRANT_REJECTED -> "evotor.error.grant_rejected";
            case CLIENT_REJECTED -> "evotor.error.client_rejected";
            case UNAVAILABLE, TIMEOUT, UNREACHABLE -> "evotor.error.unavailable";
            case NOT_FOUND, MALFORMED, UNEXPECTED -> "evotor.error.unexpected";
        };
    }
}
