package ru.connections.dashboard;

import java.time.Instant;

/**
 * What a provider tells the page about the signed-in user's connection. (A class with getters, not
 * a record: Expression Language 5 reads JavaBean properties only.)
 */
public final class ConnectionCard {

    private final String id;
    private final String name;
    private final String icon;
    private final ConnectionStatus status;
    private final String details;
    private final Instant lastCheckedAt;
    private final String connectUrl;
    private final String pageUrl;
    private String reason;
    private boolean needsReconnect;
    private boolean checkable;
    private Uptime uptime = Uptime.none();

    /**
     * @param id            stable, URL- and DOM-safe id of the integration ("evotor")
     * @param name          the integration's name in the user's language
     * @param icon          path of the icon image below the web root ("/resources/images/evotor.svg")
     * @param status        the badge
     * @param details       e.g. the connected store names; empty when not connected
     * @param lastCheckedAt when the status was last checked; null if never
     * @param connectUrl    where "Подключить" leads (below the web root)
     * @param pageUrl       the integration's own page (below the web root)
     */
    public ConnectionCard(String id, String name, String icon, ConnectionStatus status, String details,
                          Instant lastCheckedAt, String connectUrl, String pageUrl) {
        this.id = id;
        this.name = name;
        this.icon = icon;
        this.status = status;
        this.details = details;
        this.lastCheckedAt = lastCheckedAt;
        this.connectUrl = connectUrl;
        this.pageUrl = pageUrl;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getIcon() {
        return icon;
    }

    public ConnectionStatus getStatus() {
        return status;
    }

    public String getDetails() {
        return details;
    }

    public Instant getLastCheckedAt() {
        return lastCheckedAt;
    }

    public String getConnectUrl() {
        return connectUrl;
    }

    public String getPageUrl() {
        return pageUrl;
    }

    /** Why the last check failed, in the user's language; null when it did not. */
    public ConnectionCard withReason(String reason, boolean needsReconnect) {
        this.reason = reason;
        this.needsReconnect = needsReconnect;
        return this;
    }

    /** Offers "Проверить сейчас" and shows the uptime figures. */
    public ConnectionCard withHealth(Uptime uptime) {
        this.uptime = uptime;
        this.checkable = true;
        return this;
    }

    public String getReason() {
        return reason;
    }

    public boolean isNeedsReconnect() {
        return needsReconnect;
    }

    public boolean isCheckable() {
        return checkable && isConnected();
    }

    public Uptime getUptime() {
        return uptime;
    }

    public boolean isConnected() {
        return status != ConnectionStatus.NOT_CONNECTED;
    }
}
