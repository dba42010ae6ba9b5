package io.floe.inputs.http;

/** A request in_http answers 400: nothing of it is emitted. The message goes to the client and, escaped, to the log. */
final class BadRequest extends Exception {
    BadRequest(String message) {
        super(message);
    }

    BadRequest(String message, Throwable cause) {
        super(message, cause);
    }
}
