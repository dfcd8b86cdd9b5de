package ru.connections.dashboard;

import java.time.Instant;

/**
 * What a provider tells the page about the signed-in user's connection.
 *
 * @param id            stable, URL- and DOM-safe id of the integration ("evotor")
 * @param name          the integration's name in the user's language
 * @param icon          path of the icon image below the web root ("/resources/images/evotor.svg")
 * @param status        the badge
 * @param details       e.g. the connected store names; empty when not connected
 * @param lastCheckedAt when the status was last checked; null if never
 * @param connectUrl    where "Подключить" leads (below the web root)
 * @param pageUrl       the integration's own page (below the web root)
 */
public record ConnectionCard(String id, String name, String icon, ConnectionStatus status, String details,
                             Instant lastCheckedAt, String connectUrl, String pageUrl) {

    public boolean isConnected() {
        return status != ConnectionStatus.NOT_CONNECTED;
    }
}
