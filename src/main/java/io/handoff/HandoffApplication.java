package io.handoff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class HandoffApplication {
    public static void main(String[] args) {
        SpringApplication.run(HandoffApplication.class, args);
    }
}
