package io.handoff.ruleset;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How a candidate is checked ({@code handoff.ruleset.check.*}): in a child JVM with at most {@code heap} of heap,
 * killed after {@code timeout}; at most {@code queue} candidates wait for the one checking thread; the child's
 * stdout and stderr are kept up to {@code output-limit} each. {@code main-class} is the child's entry point when
 * the service runs from a class path (tests point it elsewhere); from the Boot jar the child is {@code java -jar}.
 * {@code work-dir} (default: the system temp folder) holds uploaded and copied candidates while they are checked;
 * each is deleted afterwards.
 */
@ConfigurationProperties("handoff.ruleset.check")
public record CheckProperties(@DefaultValue("384MB") DataSize heap,
                              @DefaultValue("60s") Duration timeout,
                              @DefaultValue("16") int queue,
                              @DefaultValue("io.handoff.HandoffApplication") String mainClass,
                              @DefaultValue("64KB") DataSize outputLimit,
                              Path workDir) {
    public CheckProperties {
        workDir = (workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir).toAbsolutePath().normalize();
        if (heap.toMegabytes() < 32) {
            throw new IllegalArgumentException("handoff.ruleset.check.heap must be at least 32MB, was " + heap);
        }
        if (timeout.isNegative() || timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("handoff.ruleset.check.timeout must be at least 1s, was " + timeout);
        }
        if (queue < 1) {
            throw new IllegalArgumentException("handoff.ruleset.check.queue must be at least 1, was " + queue);
        }
    }
}
