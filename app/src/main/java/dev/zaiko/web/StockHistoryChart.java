package dev.zaiko.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.zaiko.inventory.SellableOnDay;

/**
 * The geometry of the SKU page's stock history, drawn by the template as inline SVG: the server
 * knows the numbers, so the chart needs no script and reads the same with JavaScript off.
 *
 * @param line   the polyline's points (a step per day: a day's level holds until the next day's)
 * @param area   the same outline closed along the base line, for the shaded area
 * @param top    the value at the top grid line (a round number at or above the highest day)
 * @param days   the data, also rendered as a table for screen readers and for reading exact values
 */
record StockHistoryChart(String line, String area, int top, int highest, int latest, LocalDate first, LocalDate last,
                         List<SellableOnDay> days) {

    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    static final int LEFT = 40;
    static final int RIGHT = 10;
    static final int TOP = 10;
    static final int BOTTOM = 20;

    static StockHistoryChart of(List<SellableOnDay> days) {
        if (days.isEmpty()) throw new IllegalArgumentException("a chart needs at least one day");
        int highest = days.stream().mapToInt(SellableOnDay::sellable).max().orElse(0);
        int top = roundUp(highest);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double step = plotWidth / days.size();
        List<String> points = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            double y = y(days.get(i).sellable(), top);
            points.add(fmt(LEFT + i * step) + "," + fmt(y));
            points.add(fmt(LEFT + (i + 1) * step) + "," + fmt(y));
        }
        String line = String.join(" ", points);
        String base = fmt(HEIGHT - BOTTOM);
        String area = fmt(LEFT) + "," + base + " " + line + " " + fmt(LEFT + plotWidth) + "," + base;
        return new StockHistoryChart(line, area, top, highest, days.get(days.size() - 1).sellable(), days.get(0).day(),
                days.get(days.size() - 1).day(), List.copyOf(days));
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int topY() {
        return TOP;
    }

    public int middleY() {
        return (TOP + HEIGHT - BOTTOM) / 2;
    }

    public int baseY() {
        return HEIGHT - BOTTOM;
    }

    /** Half of the top value, labelled on the middle grid line (the top is always even). */
    public int middle() {
        return top / 2;
    }

    private static double y(int value, int top) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        return HEIGHT - BOTTOM - (top == 0 ? 0 : plotHeight * value / top);
    }

    /**
     * 2, 4 or 10 times a power of ten, so that the top and middle grid lines carry whole, round
     * numbers a person reads at a glance.
     */
    static int roundUp(int value) {
        if (value <= 2) return 2;
        long magnitude = 1;
        while (magnitude * 10 < value) magnitude *= 10;
        for (long m : new long[] {2, 4, 10}) {
            if (m * magnitude >= value) return (int) Math.min(Integer.MAX_VALUE, m * magnitude);
        }
        return value;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
