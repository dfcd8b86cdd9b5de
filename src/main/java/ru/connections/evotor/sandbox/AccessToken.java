package ru.connections.evotor.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/** An access token the sandbox issued, the account it opens and how often it was used. */
final class AccessToken {

    private final long serial;
    private final String value;
    private final SandboxAccount account;
    private final AtomicLong requests = new AtomicLong();

    AccessToken(long serial, String value, SandboxAccount account) {
        this.serial = serial;
        this.value = value;
        this.account = account;
    }

    /** The order of issue; the control page refers to a freshly minted token by it, not by the token. */
    long serial() {
        return serial;
    }

    String value() {
        return value;
    }

    SandboxAccount account() {
        return account;
    }

    long requests() {
        return requests.get();
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    void resetRequests() {
        requests.set(0);
    }
}
