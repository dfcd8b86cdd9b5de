package ru.connections.dashboard;

import java.util.Locale;

/**
 * One integration on the connections page. Adding an integration means adding one CDI bean that
 * implements this; the page finds every provider through {@code Instance<ConnectionProvider>}.
 */
public interface ConnectionProvider {

    /** Stable id, used in element ids and actions. */
    String id();

    /** Position on the page; lower comes first. */
    default int order() {
        return 100;
    }

    /** The integration's name in the user's language. */
    String name(Locale locale);

    /** The user's card, with at most one database query. */
    ConnectionCard card(long userId, Locale locale);

    /** Removes the user's connection; false if there was none. */
    boolean disconnect(long userId);

    /** Checks the user's connection at once ("Проверить сейчас"), if this integration can. */
    default CheckResult checkNow(long userId) {
        return new CheckResult(CheckResult.Kind.NOT_CONNECTED, 0);
    }
}
