package io.handoff.api;

/** A query parameter that cannot be used, named so the caller can fix it. */
class BadParameterException extends RuntimeException {
    private final String parameter;

    BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
