package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only a database other processes can open needs following: an embedded H2 file is locked by its one process. */
class ActivePointerSharedTest {
    @Test
    void embeddedH2IsNotSharedServerModesAre() {
        assertThat(ActivePointer.sharedH2("jdbc:h2:file:./data/handoff;WRITE_DELAY=0")).isFalse();
        assertThat(ActivePointer.sharedH2("jdbc:h2:mem:test")).isFalse();
        assertThat(ActivePointer.sharedH2("jdbc:h2:tcp://db:9092/handoff")).isTrue();
        assertThat(ActivePointer.sharedH2("jdbc:h2:ssl://db/handoff")).isTrue();
        assertThat(ActivePointer.sharedH2("jdbc:h2:file:./data/handoff;AUTO_SERVER=TRUE")).isTrue();
    }
}
