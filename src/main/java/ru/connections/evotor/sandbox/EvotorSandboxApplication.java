package ru.connections.evotor.sandbox;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The simulated Evotor's REST application at {@code /evotor-sandbox}. */
@ApplicationPath("/evotor-sandbox")
public class EvotorSandboxApplication extends Application {

    // Listed explicitly: an Application that lists nothing gets every resource and provider in the
    // WAR, so the sandbox's switch would also sit in front of the application's own REST API.
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SandboxSwitch.class, OAuthResource.class, StoresResource.class, ControlResource.class);
    }
}
