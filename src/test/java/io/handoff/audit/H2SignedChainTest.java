package io.handoff.audit;

/** Signed checkpoints on the embedded H2 file database the service uses by default. */
class H2SignedChainTest extends SignedChainContract {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
