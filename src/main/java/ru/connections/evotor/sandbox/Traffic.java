package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what callers ask of the simulated Evotor (store list and token endpoint) and how many of
 * those requests are in flight at once, so load tests can see what the app really sent.
 */
@ApplicationScoped
public class Traffic {

    /** One request in flight until closed. */
    interface InFlight extends AutoCloseable {
        @Override
        void close();
    }

    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    InFlight apiRequest() {
        apiRequests.incrementAndGet();
        return enter();
    }

    InFlight tokenRequest() {
        tokenRequests.incrementAndGet();
        return enter();
    }

    private InFlight enter() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        return inFlight::decrementAndGet;
    }

    long apiRequests() {
        return apiRequests.get();
    }

    long tokenRequests() {
        return tokenRequests.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** Zeroes the counters; requests still in flight stay counted as in flight. */
    void reset() {
        apiRequests.set(0);
        tokenRequests.set(0);
        maxInFlight.set(inFlight.get());
    }
}
