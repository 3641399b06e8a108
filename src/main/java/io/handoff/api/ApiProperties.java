package io.handoff.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits: {@code handoff.api.max-body-size} (default 256KB) caps a request body; larger gets 413. At most 16MB: a
 * contract is recorded whole (masked) in its audit record, and every stored record must stay readable (under the 64 MB
 * a reader inflates a record to at most).
 */
@ConfigurationProperties("handoff.api")
public record ApiProperties(@DefaultValue("256KB") DataSize maxBodySize) {
    static final DataSize MOST = DataSize.ofMegabytes(16);

    public ApiProperties {
        if (maxBodySize.compareTo(MOST) > 0) {
            throw new IllegalArgumentException("handoff.api.max-body-size is " + maxBodySize + ", more than " + MOST
                    + ": a contract is recorded whole in its audit record, and a record must stay readable (docs/operations.md)");
        }
    }
}
