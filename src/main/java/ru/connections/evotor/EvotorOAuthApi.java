package ru.connections.evotor;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Evotor's OAuth token endpoint; the base URI is the full token URL. */
@RegisterRestClient(configKey = "evotor-oauth")
public interface EvotorOAuthApi {

    /** Exchanges a grant for tokens; {@code authorization} is the client's HTTP Basic credentials. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(@HeaderParam("Authorization") String authorization, Form form);
}
