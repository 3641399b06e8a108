package io.handoff.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies as traffic looks: the shipped case contracts, each request a handoff of its own (a fresh contract
 * id) of a ticket or work item of its own (a fresh ticket id / work item id), except every {@code resubmitEvery}-th
 * request of a client, which resubmits that client's previous contract (a returned handoff sent again). Replaying the
 * same 38 contract ids instead makes every decision after the first round an unchanged resubmission (nothing decided
 * or recorded); and keeping the cases' ticket ids (every support case is ticket T-1000, every product case PRD-410)
 * makes every new handoff another handoff of one of two tickets, whose history read before each decision then counts
 * every decision made so far: neither is what a decision service sees. The asOf moves on by a millisecond per request
 * (from the case's own), as a stream of handoffs stated one after another does: with every contract at one instant,
 * each receiver's earlier handoffs all lie at the window's end, outside it, and the history read walked all of them.
 */
final class FreshContracts implements LoadRun.Bodies {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MARK = "@@FRESH@@";
    private static final String AS_OF = "@@ASOF@@";
    private static final AtomicLong MILLIS = new AtomicLong();
    private static final AtomicLong NEXT = new AtomicLong(ProcessHandle.current().pid() * 1_000_000_000L);

    /** Per case: its bytes split where its contract id and ticket id go. */
    private final List<byte[][]> parts = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<java.time.Instant> asOfs = new ArrayList<>();
    private final List<Integer> asOfAt = new ArrayList<>();
    private final int resubmitEvery;
    private final ThreadLocal<String> previous = new ThreadLocal<>();

    FreshContracts(List<byte[]> bodies, int resubmitEvery) {
        this.resubmitEvery = resubmitEvery;
        for (byte[] body : bodies) {
            ObjectNode contract = (ObjectNode) JSON.readTree(body);
            ids.add(contract.path("contractId").asString());
            asOfs.add(java.time.OffsetDateTime.parse(contract.path("asOf").asString()).toInstant());
            contract.put("contractId", MARK);
            contract.put("asOf", AS_OF);
            for (String[] ticket : new String[][] {{"case", "ticketId"}, {"workItem", "id"}}) {
                JsonNode holder = contract.get(ticket[0]);
                if (holder instanceof ObjectNode object && object.has(ticket[1])) {
                    object.put(ticket[1], MARK);
                }
            }
            String text = JSON.writeValueAsString(contract);
            List<byte[]> pieces = new ArrayList<>();
            String[] aroundAsOf = text.split(AS_OF, -1);
            for (int a = 0; a < aroundAsOf.length; a++) {
                for (String piece : aroundAsOf[a].split(MARK, -1)) {
                    pieces.add(piece.getBytes(StandardCharsets.UTF_8));
                }
                if (a == 0) {
                    asOfAt.add(pieces.size()); // the asOf goes before this piece; the id before every other
                }
            }
            parts.add(pieces.toArray(byte[][]::new));
        }
    }

    @Override
    public byte[] next(int client, int i) {
        int k = i % parts.size();
        String id = previous.get();
        if (id == null || resubmitEvery <= 0 || i % resubmitEvery != 0) {
            id = ids.get(k) + "-" + Long.toString(NEXT.incrementAndGet(), 36);
        }
        previous.set(id);
        byte[] value = id.getBytes(StandardCharsets.US_ASCII);
        byte[] asOf = asOfs.get(k).plusMillis(MILLIS.incrementAndGet()).toString().getBytes(StandardCharsets.US_ASCII);
        byte[][] pieces = parts.get(k);
        int asOfBefore = asOfAt.get(k);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(256 + pieces.length * 64);
        for (int p = 0; p < pieces.length; p++) {
            if (p > 0) {
                body.writeBytes(p == asOfBefore ? asOf : value);
            }
            body.writeBytes(pieces[p]);
        }
        return body.toByteArray();
    }
}
