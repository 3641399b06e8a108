package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The candidate check's child JVM runs in a working directory of its own: the service's class path must reach it
 * with absolute entries. Started as the production launch with a relative jar
 * ({@code java -XX:SharedArchiveFile=... -jar target/app/handoff-decisions-<version>.jar}), the child once failed
 * with "Could not find or load main class io.handoff.HandoffApplication" and every candidate was rejected.
 */
class ChildJvmClassPathTest {
    private static final String SEP = File.pathSeparator;

    @Test
    void relativeEntriesAreResolvedAgainstTheServicesWorkingDirectory() {
        Path here = Path.of("").toAbsolutePath();
        String classPath = "target/app/handoff-decisions.jar" + SEP + "/opt/lib/a.jar" + SEP + "lib/*";

        assertThat(ChildJvm.absolute(classPath).split(SEP)).containsExactly(
                here.resolve("target/app/handoff-decisions.jar").toString(), "/opt/lib/a.jar", here.resolve("lib/*").toString());
    }

    @Test
    void anAbsoluteClassPathIsKeptAsItIs() {
        String classPath = "/srv/app/handoff.jar" + SEP + "/srv/app/lib/x.jar";

        assertThat(ChildJvm.absolute(classPath)).isEqualTo(classPath);
    }
}
