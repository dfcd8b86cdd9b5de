package ru.connections.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU seconds used by the server, by this JVM (the simulated Evotor and the SQL counter) and by PostgreSQL,
 * and how busy the whole machine was, between two snapshots: where a sweep's time goes when it is not
 * waiting for Evotor. Linux /proc only.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    record Snapshot(long server, long self, long postgres, long machineBusy, long machineTotal) {
    }

    private final long serverPid;

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    Snapshot snapshot() {
        long[] machine = machine();
        return new Snapshot(process(serverPid), process(ProcessHandle.current().pid()), postgres(), machine[0],
                machine[1]);
    }

    static String between(Snapshot a, Snapshot b, int cores) {
        double total = b.machineTotal() - a.machineTotal();
        return String.format(Locale.ROOT, "server %.1f s, simulator+counter JVM %.1f s, PostgreSQL %.1f s;"
                        + " machine busy %.0f%% of %d cores", (b.server() - a.server()) / TICKS_PER_SECOND,
                (b.self() - a.self()) / TICKS_PER_SECOND, (b.postgres() - a.postgres()) / TICKS_PER_SECOND,
                total <= 0 ? 0 : 100.0 * (b.machineBusy() - a.machineBusy()) / total, cores);
    }

    /** utime + stime of a process, in clock ticks. */
    private static long process(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long postgres() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).strip().startsWith("postgres");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToLong(p -> process(Long.parseLong(p.getFileName().toString()))).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** [busy, total] clock ticks of all CPUs since boot. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
