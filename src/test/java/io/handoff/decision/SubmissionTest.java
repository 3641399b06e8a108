package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubmissionTest {
    private static final byte[] BODY = "{}".getBytes();

    @Test
    void refusesAnIdempotencyKeyThatIsEmptyTooLongOrNotVisibleAscii() {
        for (String key : new String[] {"", "k".repeat(256), "with space", "tab\tkey", "ключ"}) {
            assertThatThrownBy(() -> new Submission(BODY, "dev-decider", key, null)).as(key)
                    .isInstanceOfSatisfying(ResubmissionException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo(ResubmissionException.INVALID_KEY);
                    });
        }
        assertThat(new Submission(BODY, "dev-decider", "3f6c1a52-1b7e-4f7e-9a55-0c1f1e0a9d11", null).idempotencyKey()).hasSize(36);
    }

    @Test
    void aReopenNeedsAReasonThatFitsTheRecord() {
        assertThatThrownBy(() -> new Submission(BODY, "dev-decider", null, " ")).isInstanceOf(ResubmissionException.class);
        assertThatThrownBy(() -> new Submission(BODY, "dev-decider", null, "r".repeat(501))).isInstanceOf(ResubmissionException.class);
        assertThat(new Submission(BODY, "dev-decider", null, "customer reopened").reopens()).isTrue();
    }

    @Test
    void aPrincipalTooLongForTheKeyTableIsKeptAsItsHashAndNoPrincipalIsAnonymous() {
        String subject = "s".repeat(201);
        assertThat(new Submission(BODY, subject, "k", null).principal()).startsWith("sha256:").hasSize(71)
                .isEqualTo(new Submission(BODY, subject, "k", null).principal());
        assertThat(new Submission(BODY, "s".repeat(200), "k", null).principal()).hasSize(200);
        assertThat(Submission.of(BODY).principal()).isEqualTo("anonymous");
    }
}
