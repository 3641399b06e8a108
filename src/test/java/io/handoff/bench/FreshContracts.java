package io.handoff.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request bodies as traffic looks: the shipped case contracts, each request a handoff of its own (a fresh contract
 * id), except every {@code resubmitEvery}-th request of a client, which resubmits that client's previous contract
 * (a returned handoff sent again). Replaying the same 38 contract ids instead makes every decision supersede the one
 * before it for the same contract (its state row rewritten, its pending approvals cancelled), which is not what a
 * decision service sees.
 */
final class FreshContracts implements LoadRun.Bodies {
    private static final byte[] FIELD = "\"contractId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicLong NEXT = new AtomicLong(ProcessHandle.current().pid() * 1_000_000_000L);

    private final List<byte[]> prefixes = new ArrayList<>();
    private final List<byte[]> suffixes = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final int resubmitEvery;
    private final ThreadLocal<String> previous = new ThreadLocal<>();

    FreshContracts(List<byte[]> bodies, int resubmitEvery) {
        this.resubmitEvery = resubmitEvery;
        for (byte[] body : bodies) {
            int start = indexOf(body, FIELD) + FIELD.length;
            int end = start;
            while (body[end] != '"') {
                end++;
            }
            prefixes.add(java.util.Arrays.copyOfRange(body, 0, start));
            suffixes.add(java.util.Arrays.copyOfRange(body, end, body.length));
            ids.add(new String(body, start, end - start, StandardCharsets.US_ASCII));
        }
    }

    @Override
    public byte[] next(int client, int i) {
        int k = i % prefixes.size();
        String id = previous.get();
        if (id == null || resubmitEvery <= 0 || i % resubmitEvery != 0) {
            id = ids.get(k) + "-" + Long.toString(NEXT.incrementAndGet(), 36);
        }
        previous.set(id);
        byte[] value = id.getBytes(StandardCharsets.US_ASCII);
        byte[] prefix = prefixes.get(k);
        byte[] suffix = suffixes.get(k);
        byte[] body = new byte[prefix.length + value.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(value, 0, body, prefix.length, value.length);
        System.arraycopy(suffix, 0, body, prefix.length + value.length, suffix.length);
        return body;
    }

    private static int indexOf(byte[] body, byte[] field) {
        outer:
        for (int i = 0; i + field.length <= body.length; i++) {
            for (int j = 0; j < field.length; j++) {
                if (body[i + j] != field[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no contractId in a case contract");
    }
}
