package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The failures switched on for the whole simulated Evotor, and for its token endpoint. A token's own
 * mode, when it is anything but {@code up}, wins over the global one.
 */
@ApplicationScoped
public class FailureModes {

    record TokenEndpointSetting(TokenEndpointFailure failure, long delayMs) {
        static final TokenEndpointSetting NORMAL =
                new TokenEndpointSetting(TokenEndpointFailure.NONE, ModeSetting.DEFAULT_DELAY_MS);
    }

    private volatile ModeSetting global = ModeSetting.NORMAL;
    private volatile TokenEndpointSetting tokenEndpoint = TokenEndpointSetting.NORMAL;

    ModeSetting global() {
        return global;
    }

    void global(ModeSetting setting) {
        this.global = setting;
    }

    TokenEndpointSetting tokenEndpoint() {
        return tokenEndpoint;
    }

    void tokenEndpoint(TokenEndpointSetting setting) {
        this.tokenEndpoint = setting;
    }

    /** The mode a request with this token (null: no known token) gets. */
    ModeSetting effective(AccessToken token) {
        if (token != null && token.account().mode().mode() != FailureMode.UP) {
            return token.account().mode();
        }
        return global;
    }

    void reset() {
        global = ModeSetting.NORMAL;
        tokenEndpoint = TokenEndpointSetting.NORMAL;
    }
}
