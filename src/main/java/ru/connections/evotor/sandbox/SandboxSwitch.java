package ru.connections.evotor.sandbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hides the whole sandbox (404 on every path) unless {@code evotor.sandbox.enabled} is true.
 * Pre-matching, so unknown paths and wrong methods answer 404 too, not 405 or 406.
 */
@PreMatching
public class SandboxSwitch implements ContainerRequestFilter {

    static final String PROPERTY = "evotor.sandbox.enabled";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!enabled()) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }

    // Read on every request, so ops can switch the sandbox off on a running server.
    static boolean enabled() {
        try {
            return ConfigProvider.getConfig().getOptionalValue(PROPERTY, Boolean.class).orElse(false);
        } catch (IllegalArgumentException unreadable) {
            // A typo in the setting must not expose the simulation on a production server.
            return false;
        }
    }
}
