package vn.luot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One program of the simulated day in its own JVM, driven over a line protocol on its stdin: the parent
 * writes a command, the child answers with one line starting {@code @@ }. Everything else the child writes
 * (its log) goes to a file. {@link #kill()} is a SIGKILL: the child gets no chance to clean up.
 */
final class DayChild implements AutoCloseable {

    private static final String REPLY = "@@ ";
    private static final String EOF = "\u0000eof";

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;
    private Writer in;
    private BlockingQueue<String> replies;
    private int starts;

    DayChild(String name, String mainClass, List<String> args, Path log) {
        this.name = name;
        this.log = log;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx192m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
    }

    String name() {
        return name;
    }

    /** Starts (or restarts) the child and waits until it answers {@code READY}. */
    synchronized void start(Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        starts++;
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        replies = queue;
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(REPLY)) {
                        queue.add(line.substring(REPLY.length()));
                    }
                }
            } catch (IOException ignored) {
                // the child ended
            }
            queue.add(EOF);
        }, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = await(timeout);
        if (!"READY".equals(ready)) {
            throw new IOException(name + " did not start (" + ready + "); see " + log);
        }
    }

    int starts() {
        return starts;
    }

    /** Sends one command and returns the answer; an IOException when the child is gone or silent. */
    synchronized String ask(String line, Duration timeout) throws IOException {
        if (process == null || !process.isAlive()) {
            throw new IOException(name + " is not running");
        }
        replies.clear();
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new IOException(name + " is gone: " + e.getMessage(), e);
        }
        return await(timeout);
    }

    private String await(Duration timeout) throws IOException {
        try {
            String reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new IOException(name + " did not answer within " + timeout.toSeconds() + " s");
            }
            if (reply.equals(EOF)) {
                replies.add(EOF);
                throw new IOException(name + " ended");
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** SIGKILL, as a power cut: no shutdown hook runs. Not synchronized: it interrupts a command in flight. */
    void kill() throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, an orderly stop: the child's shutdown hook closes its files and sockets. */
    void stop() throws InterruptedException {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** An answer of the form {@code KEY=VALUE KEY=VALUE ...} (statuses, figures, counters) as a map. */
    static Map<String, String> pairs(String answer) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : answer.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return pairs;
    }

    /**
     * The child's side: answers {@code READY}, then each line of stdin with {@code handler}'s answer, until
     * stdin closes. An exception becomes the answer {@code ERROR message}.
     */
    static void serve(Function<String, String> handler) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        out.println(REPLY + "READY");
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            String answer;
            try {
                answer = handler.apply(line.strip());
            } catch (RuntimeException e) {
                answer = "ERROR " + e;
            }
            out.println(REPLY + answer.replace('\n', ' '));
        }
    }
}
