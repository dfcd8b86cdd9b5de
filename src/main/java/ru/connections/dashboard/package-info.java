/**
 * The connections page: one card per integration, each described by a {@link ru.connections.dashboard.ConnectionProvider}.
 * Integrations depend on this package; it never names any of them.
 */
package ru.connections.dashboard;
