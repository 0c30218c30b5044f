package org.rmichat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The load generator end to end, briefly: a real server process, real RMI clients, every report written. */
@Timeout(90)
class BenchSmokeIT {
    @TempDir Path dir;

    @Test
    void everyMessageReachesEveryOtherClientOnceAndTheReportSaysSo() throws Exception {
        Path json = dir.resolve("result.json");
        Path markdown = dir.resolve("result.md");
        StringWriter out = new StringWriter();

        int exit = bench(out, "--embedded", "--server-jar", System.getProperty("rmichat.serverJar"),
                "--clients", "4", "--senders", "2", "--rate", "20", "--warmup", "1s", "--duration", "2s",
                "--json", json.toString(), "--markdown", markdown.toString());

        assertEquals(0, exit, out::toString);
        String result = Files.readString(json);
        assertEveryDeliveryArrivedOnce(result);
        for (String field : new String[] {"\"p99\"", "\"p99.9\"", "\"max\"", "serverCpuMicrosPerDelivery",
                "benchCpuMicrosPerDelivery", "pollsPerDelivery", "serverPeakRssKib", "serverHeapAfterKib",
                "pingMillis", "latencyHistogram"}) {
            assertTrue(result.contains(field), field + " missing from " + result);
        }
        for (String row : new String[] {"deliveries received / expected", "latency p99 / p99.9", "server CPU",
                "bench CPU", "polls per delivery", "server peak RSS", "server heap after GC", "ping() p50 / p99"}) {
            assertTrue(out.toString().contains(row), row + " missing from " + out);
        }
        assertTrue(Files.readString(markdown).startsWith("| workload |"));
    }

    @Test
    void inRoomsEachLineReachesItsOwnRoomOnly() throws Exception {
        Path json = dir.resolve("rooms.json");
        StringWriter out = new StringWriter();

        int exit = bench(out, "--embedded", "--server-jar", System.getProperty("rmichat.serverJar"),
                "--clients", "12", "--rooms", "3", "--senders", "3", "--rate", "15", "--warmup", "1s",
                "--duration", "2s", "--json", json.toString());

        // 3 rooms of 4: each line reaches 3 others, not 11; a line in the wrong room would count as too many
        assertEquals(0, exit, out::toString);
        String result = Files.readString(json);
        assertEveryDeliveryArrivedOnce(result);
        assertEquals(3, number(result, "rooms"), result);
        assertEquals(3 * number(result, "sent"), number(result, "deliveriesExpected"), result);
    }

    @Test
    void aClientInTwoRoomsReceivesTheLinesOfBoth() throws Exception {
        Path json = dir.resolve("two-rooms.json");
        StringWriter out = new StringWriter();

        int exit = bench(out, "--embedded", "--server-jar", System.getProperty("rmichat.serverJar"),
                "--clients", "12", "--rooms", "4", "--rooms-per-client", "2", "--senders", "4", "--rate", "20",
                "--warmup", "1s", "--duration", "2s", "--json", json.toString());

        // 4 rooms of 6 (each client in its own and the next): each line reaches 5 others, not 2 and not 11
        assertEquals(0, exit, out::toString);
        String result = Files.readString(json);
        assertEveryDeliveryArrivedOnce(result);
        assertEquals(2, number(result, "roomsPerClient"), result);
        assertEquals(5 * number(result, "sent"), number(result, "deliveriesExpected"), result);
    }

    @Test
    void everyMessageCrossesATwoServerClusterOnce() throws Exception {
        Path json = dir.resolve("cluster.json");
        StringWriter out = new StringWriter();

        int exit = bench(out, "--embedded", "--cluster", "2", "--server-jar", System.getProperty("rmichat.serverJar"),
                "--clients", "4", "--senders", "2", "--rate", "20", "--warmup", "1s", "--duration", "2s",
                "--json", json.toString());

        // clients 0 and 2 are on one server, 1 and 3 on the other: each message reaches both servers' clients
        assertEquals(0, exit, out::toString);
        String result = Files.readString(json);
        assertEveryDeliveryArrivedOnce(result);
        assertEquals(2, number(result, "servers"), result);
        assertTrue(result.contains("serverCpuMicrosPerDelivery"), result);
    }

    @Test
    void plotsAResultAsOneCurve() throws Exception {
        Path json = dir.resolve("one.json");
        Files.writeString(json, "{\n  \"label\": \"empty run\",\n  \"latencyHistogram\": \""
                + Report.encode(new org.HdrHistogram.Histogram(3)) + "\"\n}\n");
        Path svg = dir.resolve("plot.svg");

        int exit = bench(new StringWriter(), "--plot", svg.toString(), json.toString());

        assertEquals(0, exit);
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<svg") && text.contains("<polyline") && text.contains("empty run"), text);
    }

    @Test
    void aBenchStoppedBySignalStopsItsEmbeddedServer() throws Exception {
        Path err = dir.resolve("bench.err");
        Process bench = new ProcessBuilder("java", "-jar", System.getProperty("rmichat.benchJar"), "--embedded",
                "--server-jar", System.getProperty("rmichat.serverJar"), "--clients", "2", "--senders", "1",
                "--rate", "1", "--warmup", "1s", "--duration", "300s")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try {
            long serverPid = awaitServerPid(err, bench);
            ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();

            bench.destroy();   // SIGTERM, as timeout(1) sends

            assertTrue(bench.waitFor(30, TimeUnit.SECONDS), "the bench did not stop");
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("the embedded server outlived the bench");
            }
        } finally {
            bench.destroyForcibly();
        }
    }

    /** The embedded server's pid from the bench's "server pid N on HOST:PORT" line, waiting up to 30 s. */
    private static long awaitServerPid(Path err, Process bench) throws Exception {
        Pattern line = Pattern.compile("server pid (\\d+) on");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && bench.isAlive()) {
            if (Files.exists(err)) {
                Matcher m = line.matcher(Files.readString(err));
                if (m.find()) return Long.parseLong(m.group(1));
            }
            bench.onExit().completeOnTimeout(bench, 50, TimeUnit.MILLISECONDS).get();
        }
        throw new AssertionError("no server pid from the bench: " + (Files.exists(err) ? Files.readString(err) : ""));
    }

    private static void assertEveryDeliveryArrivedOnce(String result) {
        long expected = number(result, "deliveriesExpected");
        assertTrue(expected > 0, result);
        assertEquals(expected, number(result, "deliveriesReceived"), result);
        assertEquals(0, number(result, "lost"), result);
        assertEquals(0, number(result, "duplicated"), result);
    }

    private static int bench(StringWriter out, String... args) {
        return new CommandLine(new BenchMain()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute(args);
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        assertTrue(m.find(), field + " missing from " + json);
        return Long.parseLong(m.group(1));
    }
}
