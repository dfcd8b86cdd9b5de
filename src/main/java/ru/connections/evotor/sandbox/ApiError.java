package ru.connections.evotor.sandbox;

import jakarta.json.Json;

/**
 * The store API's errors, answered as {@code {"errors":[{"code":1001,"message":"Unauthorized"}]}}.
 * The codes are the sandbox's own; callers should act on the HTTP status.
 */
enum ApiError {
    INVALID_CURSOR(400, 1005, "Invalid cursor"),
    UNAUTHORIZED(401, 1001, "Unauthorized"),
    NOT_INSTALLED(402, 1002, "Application is not installed"),
    FORBIDDEN(403, 1003, "Forbidden"),
    NOT_ACCEPTABLE(406, 1004, "Not Acceptable: send Accept: application/vnd.evotor.v2+json"),
    TOO_MANY_REQUESTS(429, 1006, "Too Many Requests"),
    INTERNAL(500, 2001, "Internal Server Error"),
    UNAVAILABLE(503, 2002, "Service Unavailable");

    private final int status;
    private final int code;
    private final String message;

    ApiError(int status, int code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    int status() {
        return status;
    }

    String json() {
        return Json.createObjectBuilder()
                .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("code", code)
                        .add("message", message)))
                .build().toString();
    }
}
