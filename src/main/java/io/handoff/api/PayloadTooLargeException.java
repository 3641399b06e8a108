package io.handoff.api;

/** A request body over the configured cap; it is not read past the cap. */
class PayloadTooLargeException extends RuntimeException {
    PayloadTooLargeException(long cap) {
        super("request body exceeds the limit of " + cap + " bytes");
    }
}
