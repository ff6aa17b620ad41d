package io.imagegate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.UpstreamFailure;
import io.imagegate.refusals.DispatchFailed.Outcome;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The retry / fail over / give up table, the caller's outcome per failure, and the backoff. */
class DecisionTest {

    @Test
    void transientFailuresRetryThenFailOver() {
        UpstreamFailure failure = new UpstreamFailure.Transient("503", Optional.empty());

        assertThat(Decision.after(failure, 1, 3)).isEqualTo(Decision.RETRY);
        assertThat(Decision.after(failure, 3, 3)).isEqualTo(Decision.FAIL_OVER);
        assertThat(Decision.outcomeOf(failure)).isEqualTo(Outcome.UPSTREAM_FAILED);
    }

    @Test
    void aSafetyBlockGivesUpAtOnceWithoutHurtingTheChannel() {
        UpstreamFailure failure = new UpstreamFailure.SafetyBlocked("IMAGE_SAFETY");

        assertThat(Decision.after(failure, 1, 3)).isEqualTo(Decision.GIVE_UP);
        assertThat(Decision.isChannelFault(failure)).isFalse();
        assertThat(Decision.outcomeOf(failure)).isEqualTo(Outcome.SAFETY_BLOCKED);
    }

    @Test
    void noImageIsRetriedOnceThenGivenUp() {
        UpstreamFailure failure = new UpstreamFailure.NoImage("text only");

        assertThat(Decision.after(failure, 1, 3)).isEqualTo(Decision.RETRY);
        assertThat(Decision.after(failure, 2, 3)).isEqualTo(Decision.GIVE_UP);
        assertThat(Decision.outcomeOf(failure)).isEqualTo(Outcome.NO_IMAGE);
    }

    @Test
    void aRejectedCredentialFailsOverAtOnce() {
        assertThat(Decision.after(new UpstreamFailure.CredentialRejected("API_KEY_INVALID"), 1, 3))
                .isEqualTo(Decision.FAIL_OVER);
        assertThat(Decision.rowOf(new UpstreamFailure.CredentialRejected("API_KEY_INVALID")).credentialRefused())
                .as("the channel leaves rotation").isTrue();
        assertThat(Decision.rowOf(new UpstreamFailure.Rejected("400 INVALID_ARGUMENT")).credentialRefused())
                .isFalse();
        assertThat(Decision.outcomeOf(new UpstreamFailure.TimedOut("slow")))
                .isEqualTo(Outcome.DEADLINE_EXCEEDED);
    }

    @Test
    void backoffGrowsWithJitterAndYieldsToALongerUpstreamHint() {
        RetryPolicy policy = RetryPolicy.standard(new SplittableRandom(1));

        Duration first = policy.delayAfter(1, Optional.empty());
        Duration second = policy.delayAfter(2, Optional.empty());

        assertThat(first).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(second).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(policy.delayAfter(10, Optional.empty())).isLessThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofMillis(1)))).as("a shorter hint keeps the backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
