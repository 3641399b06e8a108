package io.handoff.notify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local webhook receiver on a port chosen before it starts (so a service can be pointed at it while it is down):
 * {@code /hook} and {@code /pager} answer 204 and keep what they got, {@code /broken} always answers 500.
 */
final class WebhookReceiver implements AutoCloseable {
    record Received(String path, String eventId, String kind, String signature, String attempt, String body) {
    }

    final int port;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    private HttpServer server;

    WebhookReceiver() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/hook", this::keep);
        server.createContext("/pager", this::keep);
        server.createContext("/broken", exchange -> {
            refused.add(exchange.getRequestHeaders().getFirst("X-Handoff-Event-Id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    private void keep(HttpExchange exchange) throws IOException {
        var headers = exchange.getRequestHeaders();
        received.add(new Received(exchange.getRequestURI().getPath(), headers.getFirst("X-Handoff-Event-Id"),
                headers.getFirst("X-Handoff-Event-Kind"), headers.getFirst("X-Handoff-Signature"), headers.getFirst("X-Handoff-Attempt"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
