package io.tenanttwilio.benchmarks.inbound;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Sends the requests of a step over a fixed set of keep-alive HTTP/1.1 connections, each driven
 * by its own thread with blocking I/O (the JDK's {@code HttpClient} costs more CPU per request
 * than the server under test on a 2-core machine), and records, per request, its status and its
 * latency in a {@code long[]}.
 *
 * <p>Open loop: request {@code i} is due at {@code start + i / rate}. Each connection takes the
 * next request, waits until it is due, sends it and reads the answer; its latency runs from when
 * it was due, not from when it left, so a request that waited for a free connection because the
 * server fell behind counts that wait (no coordinated omission). Requests still unsent when the
 * step's time (plus a tenth, at least a second) is over are not sent, and reported as such.
 *
 * <p>Closed loop: {@code concurrency} connections each send the next request as soon as the
 * previous one is answered; latency from the actual send.
 */
final class LoadGenerator {

    /** What a step measured. Latencies in nanoseconds; status 0 = not sent, -1 = I/O failure. */
    static final class Outcome {
        final int planned;
        final int[] status;
        final long[] latency;
        final long elapsedNanos;
        final int sent;

        Outcome(int planned, int[] status, long[] latency, int sent, long elapsedNanos) {
            this.planned = planned;
            this.status = status;
            this.latency = latency;
            this.sent = sent;
            this.elapsedNanos = elapsedNanos;
        }

        int ok() {
            int ok = 0;
            for (int i = 0; i < status.length; i++) {
                if (status[i] == 200) {
                    ok++;
                }
            }
            return ok;
        }

        int errors() {
            return sent - ok();
        }

        /** Requests answered 200 per second, from the first due time to the last answer. */
        double throughput() {
            return elapsedNanos <= 0 ? 0 : ok() * 1e9 / elapsedNanos;
        }

        /** The latencies of the requests answered 200, sorted. */
        long[] sortedOk() {
            long[] ok = new long[ok()];
            int n = 0;
            for (int i = 0; i < status.length; i++) {
                if (status[i] == 200) {
                    ok[n++] = latency[i];
                }
            }
            Arrays.sort(ok);
            return ok;
        }

        static double percentileMillis(long[] sorted, double percentile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private final InetSocketAddress address;
    private final int connections;
    private final List<Connection> pool = new ArrayList<>();

    /** A generator for the server at {@code base}, with {@code connections} connections at most. */
    LoadGenerator(URI base, int connections) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.connections = connections;
        for (int i = 0; i < connections; i++) {
            pool.add(new Connection(address));
        }
    }

    /** The number of connections an open-loop step uses at most. */
    int connections() {
        return connections;
    }

    /** Sends {@code requests} at {@code rate} per second (open loop) and waits for their answers. */
    Outcome openLoop(byte[][] requests, double rate) throws InterruptedException {
        closeConnections(); // fresh connections: the server may have closed idle ones
        int planned = requests.length;
        int[] status = new int[planned];
        long[] latency = new long[planned];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime() + 20_000_000L;
        long stopSending = start + planned * interval + Math.max(1_000_000_000L, planned * interval / 10);
        List<Thread> workers = new ArrayList<>();
        for (Connection connection : pool) {
            workers.add(worker(() -> {
                int i;
                while ((i = next.getAndIncrement()) < planned) {
                    long due = start + i * interval;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (System.nanoTime() > stopSending) {
                        return;
                    }
                    byte[] request = requests[i];
                    requests[i] = null; // the bytes can go once sent
                    status[i] = connection.exchange(request);
                    long now = System.nanoTime();
                    latency[i] = now - due;
                    lastAnswer.accumulateAndGet(now, Math::max);
                    sent.incrementAndGet();
                }
            }));
        }
        join(workers);
        return new Outcome(planned, status, latency, sent.get(), lastAnswer.get() - start);
    }

    /**
     * Keeps {@code concurrency} requests in flight for {@code seconds} or until {@code capacity}
     * requests are sent; request {@code i} is made by {@code requests} just before it is sent.
     */
    Outcome closedLoop(IntFunction<byte[]> requests, int concurrency, double seconds, int capacity)
            throws InterruptedException {
        closeConnections();
        int[] status = new int[capacity];
        long[] latency = new long[capacity];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < Math.min(concurrency, connections); c++) {
            Connection connection = pool.get(c);
            workers.add(worker(() -> {
                while (System.nanoTime() < end) {
                    int i = next.getAndIncrement();
                    if (i >= capacity) {
                        return;
                    }
                    byte[] request = requests.apply(i);
                    long sentAt = System.nanoTime();
                    status[i] = connection.exchange(request);
                    long now = System.nanoTime();
                    latency[i] = now - sentAt;
                    lastAnswer.accumulateAndGet(now, Math::max);
                    sent.incrementAndGet();
                }
            }));
        }
        join(workers);
        int count = Math.min(next.get(), capacity);
        return new Outcome(count, status, latency, sent.get(), lastAnswer.get() - start);
    }

    private static Thread worker(Runnable body) {
        Thread thread = new Thread(body, "load-connection");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(List<Thread> workers) throws InterruptedException {
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** Closes every connection. */
    void closeConnections() {
        for (Connection connection : pool) {
            connection.close();
        }
    }

    /** The HTTP/1.1 request {@code POST path} with {@code headers} and {@code body}, as bytes. */
    static byte[] post(URI base, String path, String[][] headers, byte[] body) {
        StringBuilder head = new StringBuilder(256);
        head.append("POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ")
                .append(base.getHost())
                .append(':')
                .append(base.getPort())
                .append("\r\n");
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** One keep-alive connection: a request written, its answer read, over and over. */
    private static final class Connection {
        private final InetSocketAddress address;
        private @Nullable Socket socket;
        private @Nullable InputStream in;
        private @Nullable OutputStream out;
        private final byte[] line = new byte[8192];

        Connection(InetSocketAddress address) {
            this.address = address;
        }

        /** Sends {@code request}; returns the answer's status, or -1 when the exchange failed. */
        int exchange(byte[] request) {
            for (int attempt = 0; attempt < 2; attempt++) {
                boolean reused = socket != null;
                try {
                    if (socket == null) {
                        open();
                    }
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    close();
                    if (reused) {
                        continue; // the server closed an idle connection: nothing was processed
                    }
                    return -1;
                }
                try {
                    return readResponse();
                } catch (IOException e) {
                    close();
                    return -1;
                }
            }
            return -1;
        }

        private void open() throws IOException {
            Socket opened = new Socket();
            opened.setTcpNoDelay(true);
            opened.connect(address, 10_000);
            opened.setSoTimeout(120_000);
            socket = opened;
            in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
            out = opened.getOutputStream();
        }

        private int readResponse() throws IOException {
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("Unexpected status line " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closing = false;
            String header;
            while (!(header = readLine()).isEmpty()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                long size;
                while ((size = Long.parseLong(readLine().split(";", 2)[0].trim(), 16)) > 0) {
                    skip(size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            } else if (length < 0) {
                closing = true; // the body runs to the end of the connection
            }
            if (closing) {
                close();
            }
            return status;
        }

        private String readLine() throws IOException {
            int n = 0;
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EOFException("Connection closed by the server");
                }
                if (c != '\r' && n < line.length) {
                    line[n++] = (byte) c;
                }
            }
            return new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }

        private void skip(long count) throws IOException {
            long left = count;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("Connection closed by the server");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            Socket open = socket;
            socket = null;
            in = null;
            out = null;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
