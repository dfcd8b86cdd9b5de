package ru.connections.health;

/** What one probe of a connection found; stored in the history and, for failures, as the card's reason. */
public enum ProbeOutcome {
    ONLINE(Kind.OK),
    TOKEN_REVOKED(Kind.NEEDS_RECONNECT),
    NOT_INSTALLED(Kind.NEEDS_RECONNECT),
    FORBIDDEN(Kind.NEEDS_RECONNECT),
    RATE_LIMITED(Kind.RATE_LIMITED),
    SERVER_ERROR(Kind.TRANSIENT),
    TIMEOUT(Kind.TRANSIENT),
    UNREACHABLE(Kind.TRANSIENT),
    MALFORMED(Kind.TRANSIENT);

    /** How the status rules treat an outcome. */
    public enum Kind { OK, NEEDS_RECONNECT, RATE_LIMITED, TRANSIENT }

    private final Kind kind;

    ProbeOutcome(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The code stored in the database and translated by the UI ("health.reason.token_revoked"). */
    public String code() {
        return name().toLowerCase();
    }
}
