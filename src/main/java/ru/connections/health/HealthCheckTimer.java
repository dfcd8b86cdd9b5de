package ru.connections.health;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timer;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The persistent tick. Persistent, so that with several servers on one database it fires on one of
 * them at a time and fails over; thin, because everything else is in {@link HealthSweep}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HealthCheckTimer {

    private static final Logger LOG = Logger.getLogger(HealthCheckTimer.class.getName());

    @Inject
    private HealthSweep sweep;

    /** The period of the schedule below (every fifteenth second); keep the two in step. */
    static final Duration PERIOD = Duration.ofSeconds(15);

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = true, info = "Evotor health check")
    // The sweep manages its own short transactions; none may stay open while probes wait for Evotor.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick(Timer timer) {
        try {
            // Liberty runs a firing that came due during a long sweep right after it; the sweep skips that one.
            sweep.tick(timer.getNextTimeout().toInstant().minus(PERIOD));
        } catch (Throwable t) {
            // An exception escaping a timeout would make the container retry and log it as a failure.
            LOG.log(Level.WARNING, "Health tick failed", t);
        }
    }
}
