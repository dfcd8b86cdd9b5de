package ru.connections.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date when the application starts, before anything else uses the
 * database. A database that is not reachable yet does not stop the application: readiness
 * stays DOWN and the migration is tried again until it succeeds.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Flyway switches auto-commit itself, which a container transaction would forbid.
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = "jdbc/connections")
    private DataSource dataSource;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "db.migration.retry.seconds", defaultValue = "5")
    private int retrySeconds;

    private volatile boolean migrated;
    private volatile ScheduledFuture<?> retry;

    @PostConstruct
    void migrateAtStart() {
        if (!tryMigrate()) {
            retry = scheduler.scheduleWithFixedDelay(() -> {
                if (tryMigrate()) {
                    retry.cancel(false);
                }
            }, retrySeconds, retrySeconds, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stopRetrying() {
        if (retry != null) {
            retry.cancel(true);
        }
    }

    /** True once the schema is at the version this build expects. */
    public boolean isMigrated() {
        return migrated;
    }

    private synchronized boolean tryMigrate() {
        if (migrated) {
            return true;
        }
        try {
            MigrateResult result = Flyway.configure(getClass().getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common")
                    // Liberty's persistent timer store may create its EJBTIMER_ tables in the same schema
                    // before this runs; a baseline at version 0 lets Flyway start there and still apply V1.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            LOG.info(() -> "Database schema is at version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migrations applied now)");
            migrated = true;
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Database migration failed, retrying in " + retrySeconds + " s: " + e.getMessage());
            return false;
        }
    }
}
