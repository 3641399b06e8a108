package io.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * Every transaction the service commits on H2 is checkpointed before its caller goes on: the listener sits on the
 * transaction manager the audit writer, the orchestration and the ruleset lifecycle all commit through.
 * (CrashRecoveryCheck kills the service under load and finds every acknowledged decision.)
 */
@ServiceTest
class H2DurabilityTest {
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void theServicesTransactionManagerCheckpointsH2AfterEveryCommit() {
        assertThat(((AbstractPlatformTransactionManager) transactionManager).getTransactionExecutionListeners())
                .hasAtLeastOneElementOfType(H2Durability.class);
    }
}
