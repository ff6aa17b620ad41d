package io.imagegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command on a machine like a newcomer's: {@code JAVA_HOME} unset and a JDK 17 first on the
 * PATH. {@code ./mvnw} must pass over that JDK and pick one of 21 or newer from {@code /usr/lib/jvm} by itself,
 * and it must do so under {@code sh}, which is what its {@code #!/bin/sh} line runs it with.
 */
class MavenWrapperIT {

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^Java version: (\\d+)");

    @TempDir
    Path workDir;

    @Test
    void mvnwPassesOverAnOldJavaOnThePathWithoutJavaHome() throws Exception {
        assumeTrue(hasNewJdkUnderUsrLibJvm(), "no JDK 21+ under /usr/lib/jvm, where mvnw looks last");
        Path oldJdk = fakeJdk17();

        ProcessBuilder mvnw = new ProcessBuilder("sh", "mvnw", "-B", "--version").redirectErrorStream(true);
        mvnw.environment().remove("JAVA_HOME");
        mvnw.environment().put("PATH", oldJdk.resolve("bin") + ":/usr/bin:/bin");
        Process process = mvnw.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(output).as("the JDK 17 on the PATH ran something").doesNotContain("fake JDK 17");
        assertThat(process.exitValue()).as(output).isZero();
        Matcher version = JAVA_VERSION.matcher(output);
        assertThat(version.find()).as("a Java version line in:\n" + output).isTrue();
        assertThat(Integer.parseInt(version.group(1))).as(output).isGreaterThanOrEqualTo(21);
    }

    /**
     * A JDK 17 as scripts/jdk.sh sees it: it answers the version probe, and refuses anything else, so a wrapper
     * that ran Maven on it fails loudly. Faked rather than looked for, so the test means the same on a machine
     * whose only JDK is new.
     */
    private Path fakeJdk17() throws IOException {
        Path bin = Files.createDirectories(workDir.resolve("jdk-17/bin"));
        String script = """
                #!/bin/sh
                case "$*" in
                *-version*)
                  echo 'Property settings:' >&2
                  echo '    java.specification.version = 17' >&2
                  echo 'openjdk version "17.0.99" 2099-01-01' >&2
                  exit 0 ;;
                esac
                echo "fake JDK 17 was asked to run: $*" >&2
                exit 1
                """;
        for (String tool : new String[] {"java", "javac"}) {
            Files.writeString(bin.resolve(tool), script);
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return workDir.resolve("jdk-17");
    }

    private static boolean hasNewJdkUnderUsrLibJvm() {
        // The JDK running this test is 21+ (the build needs it); mvnw finds it there only if it lives there.
        return Path.of(System.getProperty("java.home")).toAbsolutePath().startsWith("/usr/lib/jvm");
    }
}
