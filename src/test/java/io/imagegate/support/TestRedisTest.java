package io.imagegate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The availability rule, against a port where nothing listens. */
class TestRedisTest {

    private static final String NOWHERE = "redis://127.0.0.1:1/0";

    @Test
    void unreachableServerSkipsOnALaptop() {
        TestRedis server = new TestRedis(NOWHERE, false);

        assertThatThrownBy(server::requireAvailable).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Redis is not reachable at " + NOWHERE).hasMessageContaining("skipping");
    }

    @Test
    void unreachableServerFailsUnderCiInsteadOfSkipping() {
        TestRedis server = new TestRedis(NOWHERE, true);

        assertThatThrownBy(server::requireAvailable).isInstanceOf(AssertionFailedError.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Redis is not reachable at " + NOWHERE).hasMessageContaining("CI=true");
    }

    @Test
    void eachFreshPrefixIsNew() {
        TestRedis server = new TestRedis(NOWHERE, false);

        assertThat(server.freshPrefix()).matches("imagegate-test-[0-9a-f]{16}:").isNotEqualTo(server.freshPrefix());
    }
}
