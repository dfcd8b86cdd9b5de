/**
 * The background health checker: a persistent EJB timer tick, the sweep that probes due connections
 * concurrently, the rules that turn probe outcomes into statuses, check history, and its metrics.
 */
package ru.connections.health;
