package io.imagegate.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The availability rule, with a jar that is not there. */
class TestS3Test {

    private static final Path NO_JAR = Path.of("target/no-such-dir/s3proxy.jar").toAbsolutePath();

    @Test
    void aServerThatCannotStartSkipsOnALaptop() {
        TestS3 server = new TestS3(NO_JAR, false);

        assertThatThrownBy(server::requireAvailable).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("S3Proxy could not start from " + NO_JAR).hasMessageContaining("skipping");
    }

    @Test
    void aServerThatCannotStartFailsUnderCiInsteadOfSkipping() {
        TestS3 server = new TestS3(NO_JAR, true);

        assertThatThrownBy(server::requireAvailable).isInstanceOf(AssertionFailedError.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("S3Proxy could not start from " + NO_JAR).hasMessageContaining("CI=true");
    }
}
