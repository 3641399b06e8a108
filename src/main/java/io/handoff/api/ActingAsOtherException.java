package io.handoff.api;

/**
 * A request whose body names someone other than the authenticated caller ({@code actor}, {@code approverId},
 * {@code by}) without the right to act for them: refused (403 acting-as-other), never recorded as that name.
 */
class ActingAsOtherException extends RuntimeException {
    ActingAsOtherException(String principal, String field, String named, boolean delegable) {
        super("this request is authenticated as " + principal + " and cannot act as '" + named + "' (" + field
                + "): records name who authenticated. Leave " + field + " out, or send your own name"
                + (delegable ? "; acting for someone else needs the delegate role." : "."));
    }
}
