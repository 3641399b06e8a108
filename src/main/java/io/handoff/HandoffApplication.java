package io.handoff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.handoff.cli.HandoffCli;

/** Starts the service, or runs an analyst command ({@code validate}, {@code test}, {@code diff}, {@code simulate}, {@code candidate-check}, {@code verify-export}). */
@SpringBootApplication
public class HandoffApplication {
    public static void main(String[] args) {
        if (HandoffCli.isCommand(args)) {
            System.exit(HandoffCli.run(args));
        }
        SpringApplication.run(HandoffApplication.class, args);
    }
}
