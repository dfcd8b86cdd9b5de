package ru.connections.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server JVM's heap, sampled every 200 ms by one {@code jstat -gc <pid> 200} process (it reads the
 * JVM's perf-data memory; nothing is attached and no request reaches the server). Used heap is
 * S0U+S1U+EU+OU: it includes garbage not yet collected, so its peak follows the young generation's size;
 * the old generation's peak (OU) is what grows if the sweep retains data.
 */
final class HeapSampler implements AutoCloseable {

    private final Process jstat;
    private final Thread reader;
    private volatile long peakUsedKb;
    private volatile long peakOldKb;
    private volatile long lastUsedKb;
    private volatile long lastOldKb;
    private volatile long committedKb;
    private volatile long youngGcs = -1;
    private volatile long fullGcs = -1;
    private volatile long firstYoungGcs = -1;
    private volatile long samples;

    private HeapSampler(long pid) throws IOException {
        jstat = new ProcessBuilder(tool("jstat"), "-gc", String.valueOf(pid), "200")
                .redirectErrorStream(true).start();
        reader = new Thread(this::read, "jstat-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static HeapSampler start(long pid) throws IOException {
        return new HeapSampler(pid);
    }

    static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> header = null;
            String line;
            while ((line = in.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 0 && fields[0].equals("S0C")) {
                    header = Arrays.asList(fields);
                    continue;
                }
                if (header == null || fields.length != header.size()) {
                    continue;
                }
                try {
                    double s0u = value(header, fields, "S0U");
                    double s1u = value(header, fields, "S1U");
                    double eu = value(header, fields, "EU");
                    double ou = value(header, fields, "OU");
                    long used = (long) (s0u + s1u + eu + ou);
                    lastUsedKb = used;
                    lastOldKb = (long) ou;
                    peakUsedKb = Math.max(peakUsedKb, used);
                    peakOldKb = Math.max(peakOldKb, (long) ou);
                    committedKb = (long) (value(header, fields, "S0C") + value(header, fields, "S1C")
                            + value(header, fields, "EC") + value(header, fields, "OC"));
                    youngGcs = (long) value(header, fields, "YGC");
                    fullGcs = (long) value(header, fields, "FGC");
                    if (firstYoungGcs < 0) {
                        firstYoungGcs = youngGcs;
                    }
                    samples++;
                } catch (NumberFormatException e) {
                    // a line that is not a sample
                }
            }
        } catch (IOException e) {
            // jstat ended
        }
    }

    private static double value(List<String> header, String[] fields, String column) {
        int i = header.indexOf(column);
        return i < 0 ? 0 : Double.parseDouble(fields[i].replace(',', '.'));
    }

    long peakUsedKb() {
        return peakUsedKb;
    }

    long peakOldKb() {
        return peakOldKb;
    }

    long lastUsedKb() {
        return lastUsedKb;
    }

    long lastOldKb() {
        return lastOldKb;
    }

    long committedKb() {
        return committedKb;
    }

    long youngGcsDuring() {
        return firstYoungGcs < 0 ? 0 : youngGcs - firstYoungGcs;
    }

    long fullGcs() {
        return fullGcs;
    }

    long samples() {
        return samples;
    }

    /** Old generation after a full GC ({@code jcmd GC.run}): the live set, in KB; -1 if unknown. */
    long liveAfterFullGcKb(long pid) {
        try {
            Process gc = new ProcessBuilder(tool("jcmd"), String.valueOf(pid), "GC.run").redirectErrorStream(true)
                    .start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(60, TimeUnit.SECONDS);
            Thread.sleep(600);
            return lastUsedKb;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        jstat.destroy();
        try {
            jstat.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jstat.destroyForcibly();
    }
}
