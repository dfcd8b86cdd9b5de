package ru.connections.evotor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Evotor's cloud API (https://api.evotor.ru), as much of it as we use. */
@RegisterRestClient(configKey = "evotor-api")
public interface EvotorApi {

    /** Evotor versions its API by media type; without this Accept header it answers 406. */
    String V2_JSON = "application/vnd.evotor.v2+json";

    /** One page of the account's stores; {@code cursor} is null for the first page. */
    @GET
    @Path("/stores")
    @Produces(V2_JSON)
    Response stores(@HeaderParam("Authorization") String bearer, @QueryParam("cursor") String cursor);
}
