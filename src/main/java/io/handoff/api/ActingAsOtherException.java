package io.handoff.api;

/** A ruleset step whose {@code actor} names someone other than the authenticated caller: refused, never recorded. */
class ActingAsOtherException extends RuntimeException {
    ActingAsOtherException(String principal, String actor) {
        super("this request is authenticated as " + principal + " and cannot act as '" + actor
                + "': the history records who authenticated. Leave actor out, or send your own name.");
    }
}
