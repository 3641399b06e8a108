package io.handoff.ruleset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.handoff.HandoffApplication;

/**
 * A stand-in for the child JVM's main class in tests: takes the {@code candidate-check} arguments, and when a DRL
 * of the candidate carries {@code // test-child: sleep}, {@code error} or {@code oom}, says it is on a case, then
 * sleeps forever, throws an {@link Error} or allocates until the heap is gone. Otherwise it is the real command.
 * Rule code cannot do these things once rules are verified, so the misbehaviour lives here.
 */
public final class MisbehavingCheck {
    public static final String ON_CASE = "rules/cases/misbehaving-case.yaml";

    private MisbehavingCheck() {
    }

    public static void main(String[] args) throws Exception {
        String mode = mode(Path.of(argument(args, "--rules")));
        if (mode == null) {
            HandoffApplication.main(args);
            return;
        }
        Files.writeString(Path.of(argument(args, "--progress")), ON_CASE);
        switch (mode) {
            case "sleep" -> Thread.sleep(Long.MAX_VALUE);
            case "error" -> throw new Error("a rule threw an Error\nroot:x:0:0:root:/root:/bin/bash");
            case "oom" -> {
                List<long[]> hoard = new ArrayList<>();
                while (true) {
                    hoard.add(new long[1 << 20]);
                }
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static String argument(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }

    private static String mode(Path rules) throws IOException {
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path drl : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                for (String mode : List.of("sleep", "error", "oom")) {
                    if (Files.readString(drl).contains("// test-child: " + mode)) {
                        return mode;
                    }
                }
            }
        }
        return null;
    }
}
