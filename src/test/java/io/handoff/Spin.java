package io.handoff;

/**
 * A process that only loads the CPU: {@code args[0]} threads spin until it is killed (or for at most five minutes, so a
 * test that dies cannot leave it behind for long). Tests start it to show results do not depend on a busy machine.
 */
public final class Spin {
    private static volatile long sink;

    private Spin() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        long until = System.nanoTime() + 300_000_000_000L;
        for (int i = 0; i < threads; i++) {
            Thread spinner = new Thread(() -> {
                long x = 0;
                while (System.nanoTime() < until) {
                    x += System.nanoTime() % 7;
                    sink = x;
                }
            });
            spinner.setDaemon(false);
            spinner.start();
        }
    }

    /** Starts the spinning process with {@code threads} threads; the caller ends it with {@link Process#destroyForcibly()}. */
    public static Process start(int threads) throws java.io.IOException {
        String binary = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(binary, "-Xmx32m", "-cp", System.getProperty("java.class.path"), Spin.class.getName(),
                String.valueOf(threads)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
