package io.handoff.audit;

/** The audit log on the embedded H2 file database the service uses by default. */
class H2AuditLogTest extends AuditLogContract {
    @Override
    TestDatabase database(String flywayTarget) {
        return TestDatabase.h2(flywayTarget);
    }
}
