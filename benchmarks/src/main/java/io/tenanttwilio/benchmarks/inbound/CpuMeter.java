package io.tenanttwilio.benchmarks.inbound;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU used during a step: by this JVM (server and load generator together) and by the whole
 * machine (the database server and anything else running), from {@code /proc/stat} where it
 * exists.
 */
final class CpuMeter {

    /** A reading; subtract two to get the CPU of the interval. */
    record Reading(long nanos, long processCpuNanos, long machineBusy, long machineTotal) {

        /** This JVM's CPU over the interval, in cores (1.0 = one core busy all the time). */
        double processCores(Reading later) {
            long elapsed = later.nanos - nanos;
            return elapsed <= 0 || processCpuNanos < 0
                    ? Double.NaN
                    : (later.processCpuNanos - processCpuNanos) / (double) elapsed;
        }

        /** The machine's busy share over the interval, all cores together, in percent. */
        double machineBusyPercent(Reading later) {
            long total = later.machineTotal - machineTotal;
            return total <= 0 ? Double.NaN : 100.0 * (later.machineBusy - machineBusy) / total;
        }
    }

    private CpuMeter() {}

    static Reading read() {
        long process = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            process = os.getProcessCpuTime();
        }
        long busy = 0;
        long total = 0;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] fields = lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i != 4 && i != 5) {
                    busy += value;
                }
            }
        } catch (IOException | RuntimeException e) {
            total = 0;
        }
        return new Reading(System.nanoTime(), process, busy, total);
    }
}
