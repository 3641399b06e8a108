package io.handoff.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** HTTP limits: {@code handoff.api.max-body-size} (default 256KB) caps a request body; larger gets 413. */
@ConfigurationProperties("handoff.api")
public record ApiProperties(@DefaultValue("256KB") DataSize maxBodySize) {
}
