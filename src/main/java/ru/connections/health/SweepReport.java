package ru.connections.health;

/** What one tick did; logged as one line and kept in health_ticks. */
record SweepReport(int due, int checked, int online, int offline, int needsReconnect, int rateLimited,
                   long durationMs, boolean outage, boolean skipped) {

    static SweepReport notRun() {
        return new SweepReport(0, 0, 0, 0, 0, 0, 0, false, true);
    }

    String logLine() {
        return String.format("Health tick: due=%d checked=%d online=%d offline=%d needs-reconnect=%d"
                + " rate-limited=%d duration=%dms%s", due, checked, online, offline, needsReconnect, rateLimited,
                durationMs, outage ? " (Evotor unreachable from this server: no status changed)" : "");
    }
}
