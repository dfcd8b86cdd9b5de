package ru.connections.dashboard;

/** What a card's badge says. */
public enum ConnectionStatus {
    ONLINE, OFFLINE, NOT_CONNECTED
}
