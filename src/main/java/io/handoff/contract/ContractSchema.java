package io.handoff.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The contract's JSON Schema (draft 2020-12) as shipped in the jar: the one source of truth for its shape. */
public final class ContractSchema {
    public static final String RESOURCE = "/schemas/handoff-contract.schema.json";

    private ContractSchema() {
    }

    public static byte[] bytes() {
        try (InputStream in = ContractSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("contract schema missing from the classpath: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
