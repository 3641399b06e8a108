package io.handoff.contract;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;

/**
 * {@code format: date-time} as the schema's timestamp pattern and the rules read it: a date, a time with or without
 * seconds, and a zone ({@code 2026-11-20T09:30Z} and {@code 2026-11-20T09:30:00+02:00} both). RFC 3339's own
 * date-time insists on seconds, so the pattern said yes where the format said no.
 */
final class ZonedTimestampFormat implements Format {
    @Override
    public String getName() {
        return "date-time";
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
