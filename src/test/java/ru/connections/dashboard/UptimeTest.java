package ru.connections.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.connections.dashboard.Uptime.Check;
import ru.connections.dashboard.Uptime.Segment;

class UptimeTest {

    private final Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void noChecksNoFigures() {
        Uptime uptime = Uptime.of(List.of(), now);
        assertNull(uptime.getDay());
        assertNull(uptime.getWeek());
        assertEquals(24, uptime.getStrip().size());
        assertEquals(Segment.NONE, uptime.getStrip().get(0));
    }

    @Test
    void countsUpChecksOverTheDayAndTheWeekAndPaintsTheStrip() {
        List<Check> checks = new ArrayList<>();
        // Last 24 h: one check every 10 minutes, down between 6 and 3 hours ago.
        for (int minutes = 10; minutes <= 24 * 60; minutes += 10) {
            Instant at = now.minus(Duration.ofMinutes(minutes));
            checks.add(new Check(at, minutes <= 180 || minutes > 360));
        }
        // Three days ago: 144 checks all down.
        for (int i = 0; i < 144; i++) {
            checks.add(new Check(now.minus(Duration.ofDays(3)).minus(Duration.ofMinutes(i * 10L)), false));
        }
        checks.add(new Check(now.minus(Duration.ofDays(8)), false)); // outside the week
        checks.add(new Check(now.minus(Duration.ofMinutes(25)), false)); // one failure in the last hour
        Uptime uptime = Uptime.of(checks, now);
        assertEquals(100.0 * 126 / 145, uptime.getDay(), 0.001);
        assertEquals(100.0 * 126 / 289, uptime.getWeek(), 0.001);
        assertEquals(Segment.MIXED, uptime.getStrip().get(23), "the last hour: up and one failure");
        assertEquals(Segment.UP, uptime.getStrip().get(21), "three hours ago");
        assertEquals(Segment.DOWN, uptime.getStrip().get(19), "four to five hours ago");
        assertEquals(Segment.UP, uptime.getStrip().get(17), "seven hours ago");
    }
}
