package ru.connections.evotor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Connects a user to Evotor: first everything that talks to Evotor, then one short transaction
 * that saves the result. Any failure leaves an existing connection exactly as it was.
 */
@ApplicationScoped
public class EvotorConnector {

    @Inject
    private EvotorService evotor;

    @Inject
    private EvotorConnections connections;

    /** The end of the OAuth flow: exchange the code, read the stores, save. */
    public EvotorConnection connectWithCode(long userId, String code, String redirectUri) {
        TokenGrant grant = evotor.exchangeCode(code, redirectUri);
        List<EvotorStore> stores = evotor.stores(grant.accessToken());
        return connections.save(userId, grant, stores);
    }

    /** A token the user copied from the app's settings in Evotor: verified with GET /stores first. */
    public EvotorConnection connectWithToken(long userId, String token) {
        List<EvotorStore> stores = evotor.stores(token);
        return connections.save(userId, new TokenGrant(token, Optional.empty(), Optional.empty()), stores);
    }
}
