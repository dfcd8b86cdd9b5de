package ru.connections.evotor.sandbox;

/** A control request the sandbox cannot carry out, with the error code that the API and the page report. */
final class ControlInputException extends RuntimeException {

    private final int status;
    private final String error;

    ControlInputException(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    static ControlInputException unknownToken() {
        return new ControlInputException(404, "unknown_token", "no such access token");
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
