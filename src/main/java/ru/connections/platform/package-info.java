/**
 * What every feature stands on: database migrations at start, health checks, security headers
 * and the localized messages used from Java.
 */
package ru.connections.platform;
