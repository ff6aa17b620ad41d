package io.imagegate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The availability rule, against a port where nothing listens. */
class TestPostgresTest {

    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/test";

    @Test
    void unreachableServerSkipsOnALaptop() {
        TestPostgres server = new TestPostgres(NOWHERE, "root", false);

        assertThatThrownBy(server::requireAvailable).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("not reachable at " + NOWHERE).hasMessageContaining("skipping");
    }

    @Test
    void unreachableServerFailsUnderCiInsteadOfSkipping() {
        TestPostgres server = new TestPostgres(NOWHERE, "root", true);

        assertThatThrownBy(server::requireAvailable).isInstanceOf(AssertionFailedError.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("not reachable at " + NOWHERE).hasMessageContaining("CI=true");
    }

    @Test
    void eachFreshSchemaUrlNamesANewSchemaOnTheServer() {
        TestPostgres server = new TestPostgres("jdbc:postgresql://127.0.0.1:5432/test", "root", false);

        String first = server.freshSchemaUrl();
        String second = server.freshSchemaUrl();

        assertThat(first).startsWith("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=imagegate_test_")
                .matches(".*=imagegate_test_[0-9a-f]{16}");
        assertThat(second).isNotEqualTo(first);
    }
}
