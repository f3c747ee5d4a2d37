package io.contexthub.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A small HTTP/1.1 load generator: {@code connections} keep-alive sockets, each sending pre-built requests one after
 * the other (closed loop) or at a fixed pace (open loop, latency measured from the scheduled send time so a slow
 * answer cannot hide the requests queued behind it). Requests are built before the clock starts, so signing costs
 * the measurement nothing; it runs in the benchmark's JVM, on the same cores as the hub, like wrk would.
 */
final class HttpLoad {

    /** What one run measured. */
    record Result(int requests, double seconds, long[] latencyNanos, Map<Integer, Integer> statuses) {

        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(int p) {
            return BenchSupport.percentile(latencyNanos, p);
        }

        String format() {
            return String.format("%,.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, statuses %s", perSecond(),
                    percentileMillis(50), percentileMillis(99), Arrays.stream(latencyNanos).max().orElse(0) / 1e6,
                    statuses);
        }
    }

    private HttpLoad() {
    }

    /** A complete request (head and body) for {@code POST path}. */
    static byte[] post(String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }

    /**
     * Sends {@code requests.length} requests over {@code connections} connections. With {@code perSecond} &gt; 0 the
     * whole run is paced at that total rate (open loop), else every connection sends as fast as it is answered.
     */
    static Result run(int port, int connections, double perSecond, byte[][] requests) {
        AtomicInteger next = new AtomicInteger();
        long[] latency = new long[requests.length];
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        long intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(() -> {
                Connection connection = null;
                try {
                    for (int i = next.getAndIncrement(); i < requests.length; i = next.getAndIncrement()) {
                        long scheduled = intervalNanos > 0 ? start + i * intervalNanos : System.nanoTime();
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        if (connection == null) {
                            connection = new Connection(port);
                        }
                        connection.out.write(requests[i]);
                        connection.out.flush();
                        int status = connection.readResponse();
                        latency[i] = System.nanoTime() - scheduled;
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (connection.closing) {
                            // the server ends keep-alive after a number of requests (Tomcat: 100): reconnect
                            connection.close();
                            connection = null;
                        }
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                    throw new UncheckedIOException(e);
                } finally {
                    if (connection != null) {
                        connection.close();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = BenchSupport.seconds(start);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " connections failed");
        }
        Map<Integer, Integer> counted = new java.util.TreeMap<>();
        statuses.forEach((status, n) -> counted.put(status, n.intValue()));
        return new Result(requests.length, seconds, latency, counted);
    }

    /** Builds {@code count} requests with {@code build} (index to request bytes). */
    static byte[][] requests(int count, IntFunction<byte[]> build) {
        byte[][] requests = new byte[count][];
        for (int i = 0; i < count; i++) {
            requests[i] = build.apply(i);
        }
        return requests;
    }

    /** One keep-alive connection and the response reader over it. */
    private static final class Connection {

        final Socket socket;
        final OutputStream out;
        final InputStream in;
        boolean closing;

        Connection(int port) throws IOException {
            socket = new Socket("localhost", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        /** Reads one response (status line, headers, a Content-Length or chunked body); returns its status. */
        int readResponse() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = 0;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line(), 16); size > 0; size = Long.parseLong(line(), 16)) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            } else {
                in.skipNBytes(length);
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-response");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString().trim();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket the server already closed
            }
        }
    }
}
