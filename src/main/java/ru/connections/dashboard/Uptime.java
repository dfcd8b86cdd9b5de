package ru.connections.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Uptime over 24 hours and 7 days and a 24-hour strip of hourly segments, from check results.
 * A check counts as up when it found the connection online; rate-limited checks do not count.
 */
public final class Uptime {

    /** One hour of the strip. */
    public enum Segment { UP, DOWN, MIXED, NONE }

    /** A check: when, and whether it found the connection up. */
    public record Check(Instant at, boolean up) {
    }

    private final Double day;
    private final Double week;
    private final List<Segment> strip;

    private Uptime(Double day, Double week, List<Segment> strip) {
        this.day = day;
        this.week = week;
        this.strip = strip;
    }

    public static Uptime of(List<Check> checks, Instant now) {
        Instant dayAgo = now.minus(Duration.ofHours(24));
        Instant weekAgo = now.minus(Duration.ofDays(7));
        int dayUp = 0;
        int dayAll = 0;
        int weekUp = 0;
        int weekAll = 0;
        int[] up = new int[24];
        int[] all = new int[24];
        for (Check check : checks) {
            if (check.at().isBefore(weekAgo) || check.at().isAfter(now)) {
                continue;
            }
            weekAll++;
            weekUp += check.up() ? 1 : 0;
            if (!check.at().isBefore(dayAgo)) {
                dayAll++;
                dayUp += check.up() ? 1 : 0;
                int hour = (int) Math.min(23, Duration.between(dayAgo, check.at()).toHours());
                all[hour]++;
                up[hour] += check.up() ? 1 : 0;
            }
        }
        List<Segment> strip = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            strip.add(all[h] == 0 ? Segment.NONE : up[h] == all[h] ? Segment.UP : up[h] == 0 ? Segment.DOWN : Segment.MIXED);
        }
        return new Uptime(dayAll == 0 ? null : 100.0 * dayUp / dayAll, weekAll == 0 ? null : 100.0 * weekUp / weekAll,
                strip);
    }

    public static Uptime none() {
        List<Segment> strip = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            strip.add(Segment.NONE);
        }
        return new Uptime(null, null, strip);
    }

    /** Percent over the last 24 hours; null without checks. */
    public Double getDay() {
        return day;
    }

    /** Percent over the last 7 days; null without checks. */
    public Double getWeek() {
        return week;
    }

    /** 24 hourly segments, oldest first. */
    public List<Segment> getStrip() {
        return strip;
    }
}
