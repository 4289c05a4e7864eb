package dev.zaiko.shop;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.platform.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /api/contact/calendar/hours}: a partial week,
 * {@code {"MONDAY":{"opens":"10:00","closes":"18:00"},"SATURDAY":null}}. A weekday named with
 * {@code null} is closed; a weekday not named keeps its hours. Every mistake is reported at once,
 * per field, and then nothing is changed.
 */
final class WeeklyHoursRequest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private WeeklyHoursRequest() {
    }

    static Map<DayOfWeek, Optional<CallingHours>> parse(JsonNode body) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<DayOfWeek, Optional<CallingHours>> week = new EnumMap<>(DayOfWeek.class);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw invalid(List.of(error("hours", "name at least one weekday, e.g. {\"MONDAY\":{\"opens\":\"10:00\","
                    + "\"closes\":\"18:00\"}}", body)));
        }
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            String key = entry.getKey();
            DayOfWeek day = weekday(key);
            if (day == null) {
                errors.add(error(key, "is not a weekday (" + Arrays.toString(DayOfWeek.values()) + ")", key));
                continue;
            }
            if (week.containsKey(day)) {
                errors.add(error(key, "names " + day + " a second time", key));
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                week.put(day, Optional.empty());
                continue;
            }
            if (!value.isObject()) {
                errors.add(error(key, "must be {\"opens\":\"HH:mm\",\"closes\":\"HH:mm\"} or null (closed)", value));
                continue;
            }
            for (String member : value.propertyNames()) {
                if (!member.equals("opens") && !member.equals("closes")) {
                    errors.add(error(key + "." + member, "is not known (opens, closes)", value.get(member)));
                }
            }
            LocalTime opens = time(key + ".opens", value.get("opens"), errors);
            LocalTime closes = time(key + ".closes", value.get("closes"), errors);
            if (opens != null && closes != null) {
                if (opens.isBefore(closes)) {
                    week.put(day, Optional.of(new CallingHours(opens, closes)));
                } else {
                    errors.add(error(key + ".closes", "must be after opens (" + opens + ")", value.get("closes")));
                }
            }
        }
        if (!errors.isEmpty()) throw invalid(errors);
        return week;
    }

    private static DayOfWeek weekday(String key) {
        try {
            return DayOfWeek.valueOf(key.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalTime time(String field, JsonNode value, List<Map<String, Object>> errors) {
        if (value == null || value.isNull()) {
            errors.add(error(field, "is required (HH:mm)", value));
            return null;
        }
        if (!value.isString()) {
            errors.add(error(field, "must be a time as text, HH:mm", value));
            return null;
        }
        try {
            return LocalTime.parse(value.asString(), HH_MM);
        } catch (DateTimeParseException e) {
            errors.add(error(field, "must be a time HH:mm between 00:00 and 23:59", value));
            return null;
        }
    }

    private static Map<String, Object> error(String field, String message, Object rejected) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        error.put("rejectedValue", rejected instanceof JsonNode n && n.isString() ? n.asString() : String.valueOf(rejected));
        return error;
    }

    private static InvalidRequestException invalid(List<Map<String, Object>> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList());
        return new InvalidRequestException("invalid-calling-hours", detail, Map.of("errors", errors));
    }
}
