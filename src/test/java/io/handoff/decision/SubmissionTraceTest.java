package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubmissionTraceTest {
    @Test
    void keepsOnlyAW3cTraceId() {
        byte[] body = new byte[0];
        assertThat(new Submission(body, null, null, null, "4bf92f3577b34da6a3ce929d0e0e4736").traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(new Submission(body, null, null, null, "00000000000000000000000000000000").traceId()).isNull();
        assertThat(new Submission(body, null, null, null, "4BF92F3577B34DA6A3CE929D0E0E4736").traceId()).isNull();
        assertThat(new Submission(body, null, null, null, "4bf92f3577b34da6").traceId()).isNull();
        assertThat(new Submission(body, null, null, null, "4bf92f3577b34da6a3ce929d0e0e473g").traceId()).isNull();
        assertThat(Submission.of(body).traceId()).isNull();
    }
}
