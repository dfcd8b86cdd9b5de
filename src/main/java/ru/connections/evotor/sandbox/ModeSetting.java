package ru.connections.evotor.sandbox;

/**
 * A failure mode with the delay that {@code slow} waits before answering; kept together so a
 * reader never sees the new mode with the old delay.
 */
record ModeSetting(FailureMode mode, long delayMs) {

    static final long DEFAULT_DELAY_MS = 15_000;
    /** Long enough for any client timeout, short enough that a forgotten setting heals itself. */
    static final long MAX_DELAY_MS = 600_000;

    static final ModeSetting NORMAL = new ModeSetting(FailureMode.UP, DEFAULT_DELAY_MS);
}
