package ru.connections.evotor.sandbox;

/**
 * Holds a slow or hanging answer back on the request's own thread. Not on a scheduler with an
 * AsyncResponse, which would free the thread: the application's SecurityHeadersFilter does not
 * declare asyncSupported, so Liberty refuses asynchronous requests behind it.
 */
final class Delays {

    private Delays() {
    }

    static void pause(long delayMs) {
        if (delayMs <= 0) {
            return;
        }
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException stopping) {
            // The server is stopping: answer at once rather than hold up the shutdown.
            Thread.currentThread().interrupt();
        }
    }
}
