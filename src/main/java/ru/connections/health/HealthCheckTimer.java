package ru.connections.health;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
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

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = true, info = "Evotor health check")
    // The sweep manages its own short transactions; none may stay open while probes wait for Evotor.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick() {
        try {
            sweep.tick();
        } catch (Throwable t) {
            // An exception escaping a timeout would make the container retry and log it as a failure.
            LOG.log(Level.WARNING, "Health tick failed", t);
        }
    }
}
