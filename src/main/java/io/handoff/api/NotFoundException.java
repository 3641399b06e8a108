package io.handoff.api;

/** Nothing is recorded under the requested id. */
class NotFoundException extends RuntimeException {
    private final String code;

    NotFoundException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
