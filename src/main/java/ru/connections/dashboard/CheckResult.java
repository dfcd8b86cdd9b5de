package ru.connections.dashboard;

/** The answer to "Проверить сейчас". */
public record CheckResult(Kind kind, long waitSeconds) {

    /** What happened. */
    public enum Kind {
        /** Checked; the card shows the new status. */
        DONE,
        /** Checked less than the minimum gap ago; try again in {@code waitSeconds}. */
        TOO_SOON,
        /** Nothing to check. */
        NOT_CONNECTED
    }

    public static CheckResult done() {
        return new CheckResult(Kind.DONE, 0);
    }
}
