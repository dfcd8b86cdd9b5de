package ru.connections.evotor;

import java.util.OptionalLong;

/** Evotor did not give us what we asked for; {@link #reason()} says why in our own terms. */
public class EvotorException extends RuntimeException {

    /** Why a call to Evotor failed. */
    public enum Reason {
        /** 401 from the API: the token is unknown, expired or revoked. */
        TOKEN_REJECTED,
        /** 402: the app is not installed on every terminal of the account. */
        NOT_INSTALLED,
        /** 403: the token lacks a permission. */
        FORBIDDEN,
        /** 404. */
        NOT_FOUND,
        /** 429: too many requests; see {@link #retryAfterSeconds()}. */
        RATE_LIMITED,
        /** 400 from the token endpoint: the code or refresh token is unknown, used or expired. */
        GRANT_REJECTED,
        /** 401 from the token endpoint: our client id or secret is wrong. */
        CLIENT_REJECTED,
        /** 5xx, or the connection broke mid-answer. */
        UNAVAILABLE,
        /** No answer within the read timeout. */
        TIMEOUT,
        /** No connection at all: refused, unknown host, no route. */
        UNREACHABLE,
        /** A body we cannot read: not JSON, missing fields, or far too large. */
        MALFORMED,
        /** Any other answer. */
        UNEXPECTED
    }

    private final Reason reason;
    private final int status;
    private final Long retryAfterSeconds;

    public EvotorException(Reason reason, int status, Long retryAfterSeconds, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public EvotorException(Reason reason, int status, String message) {
        this(reason, status, null, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status Evotor answered, or 0 if it did not answer. */
    public int status() {
        return status;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
