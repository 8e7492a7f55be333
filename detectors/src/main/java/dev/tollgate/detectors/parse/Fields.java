package dev.tollgate.detectors.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed, validating access to the fields of one JSON object. Every failure names the field by its path
 * ({@code items[2].unitPrice.value}) so that a dead letter says exactly what was wrong.
 */
final class Fields {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    /** The assigned ISO 3166-1 alpha-2 codes, as the JDK ships them ({@code ZZ}, {@code UK} and the like are not). */
    private static final java.util.Set<String> ISO_COUNTRIES = java.util.Set.of(Locale.getISOCountries());
    /** The ISO 4217 codes the JDK knows ({@code XYZ} is none). */
    private static final java.util.Set<String> ISO_CURRENCIES = java.util.Currency.getAvailableCurrencies().stream()
            .map(java.util.Currency::getCurrencyCode).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendLiteral(':').appendPattern("ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static Fields of(JsonNode node, String path) throws InvalidRecordException {
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(ErrorKind.WRONG_TYPE,
                    (path.isEmpty() ? "record" : "field '" + path + "'") + " is not a JSON object");
        }
        return new Fields(node, path);
    }

    ObjectNode node() {
        return (ObjectNode) node;
    }

    String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode raw(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    String reqText(String field) throws InvalidRecordException {
        String v = optText(field);
        if (v == null) {
            throw missing(field);
        }
        return v;
    }

    /** A string; an empty string counts as absent. */
    String optText(String field) throws InvalidRecordException {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** An identifier the network may send as a string or an integer. */
    String reqId(String field) throws InvalidRecordException {
        String v = optId(field);
        if (v == null) {
            throw missing(field);
        }
        return v;
    }

    String optId(String field) throws InvalidRecordException {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string or an integer", v);
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    long reqInstant(String field) throws InvalidRecordException {
        String text = reqText(field);
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(ErrorKind.BAD_TIMESTAMP, "field '" + name(field) + "' value '" + text
                    + "' is not an ISO-8601 instant with an offset (e.g. 2026-11-20T10:15:30.120Z)");
        }
    }

    /** An IPv4 or IPv6 literal, checked as text (never looked up); a host name or an octet over 255 is a bad value. */
    String optIp(String field) throws InvalidRecordException {
        String text = optText(field);
        if (text != null && !dev.tollgate.detectors.fraud.IpAddresses.isLiteral(text)) {
            throw badValue(field, "value '" + abbreviate(text) + "' is not an IPv4 or IPv6 address");
        }
        return text;
    }

    String reqIp(String field) throws InvalidRecordException {
        String v = optIp(field);
        if (v == null) {
            throw missing(field);
        }
        return v;
    }

    /** A network's local date-time, read in the feed's time zone; an explicit offset, if present, wins. */
    Long optLocalDateTime(String field, ZoneId zone) throws InvalidRecordException {
        String text = optText(field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignoredNoOffset) {
            // most network feeds send local times without an offset
        }
        try {
            return LocalDateTime.parse(text, LOCAL_DATE_TIME).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(ErrorKind.BAD_TIMESTAMP, "field '" + name(field) + "' value '" + text
                    + "' is not a date-time (yyyy-MM-dd HH:mm:ss or ISO-8601)");
        }
    }

    long reqLocalDateTime(String field, ZoneId zone) throws InvalidRecordException {
        Long v = optLocalDateTime(field, zone);
        if (v == null) {
            throw missing(field);
        }
        return v;
    }

    Integer optNonNegativeInt(String field) throws InvalidRecordException {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(field, "an integer", v);
        }
        int i = v.intValue();
        if (i < 0) {
            throw badValue(field, "must not be negative: " + i);
        }
        return i;
    }

    Boolean optBool(String field) throws InvalidRecordException {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "a boolean", v);
        }
        return v.booleanValue();
    }

    /** A network Y/N flag (also accepted as a JSON boolean). */
    Boolean optYesNo(String field) throws InvalidRecordException {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.equalsIgnoreCase("Y")) {
                return true;
            }
            if (s.equalsIgnoreCase("N")) {
                return false;
            }
            if (s.isEmpty()) {
                return null;
            }
        }
        throw new InvalidRecordException(ErrorKind.BAD_ENUM,
                "field '" + name(field) + "' value " + v + " is not one of [Y, N]");
    }

    /** A lower-case contract enum value mapped to the Java enum of the same name. */
    <E extends Enum<E>> E optEnum(String field, Class<E> type) throws InvalidRecordException {
        String text = optText(field);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw badEnum(field, text, Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    <E extends Enum<E>> E reqEnum(String field, Class<E> type) throws InvalidRecordException {
        E v = optEnum(field, type);
        if (v == null) {
            throw missing(field);
        }
        return v;
    }

    String optCountry(String field) throws InvalidRecordException {
        String text = optText(field);
        if (text == null) {
            return null;
        }
        String code = text.toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(text).matches() || !ISO_COUNTRIES.contains(code)) {
            throw badValue(field, "'" + text + "' is not an ISO 3166-1 alpha-2 country code");
        }
        return code;
    }

    String currency(String field) throws InvalidRecordException {
        String text = reqText(field);
        if (!CURRENCY.matcher(text).matches() || !ISO_CURRENCIES.contains(text)) {
            throw badValue(field, "'" + text + "' is not an ISO 4217 currency code");
        }
        return text;
    }

    /** Contract money: {@code {"value": "12.30" | 12.3, "currency": "USD"}}. */
    Money optMoney(String field) throws InvalidRecordException {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        Fields m = Fields.of(v, name(field));
        return new Money(m.decimal("value"), m.currency("currency"));
    }

    BigDecimal decimal(String field) throws InvalidRecordException {
        JsonNode v = raw(field);
        if (v == null) {
            throw missing(field);
        }
        BigDecimal d;
        if (v.isNumber()) {
            d = v.decimalValue();
        } else if (v.isTextual()) {
            try {
                d = new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                throw badValue(field, "'" + v.asText() + "' is not a decimal number");
            }
        } else {
            throw wrongType(field, "a number or a decimal string", v);
        }
        if (d.signum() < 0) {
            throw badValue(field, "must not be negative: " + abbreviate(d.toString()));
        }
        if (d.compareTo(MAX_AMOUNT) > 0) {
            throw badValue(field, "is beyond " + MAX_AMOUNT.toPlainString() + ": " + abbreviate(d.toString()));
        }
        if (d.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw badValue(field, "has more than " + MAX_DECIMALS + " decimal places: " + abbreviate(d.toString()));
        }
        return d;
    }

    /** No order, item or fee comes near a trillion in any currency; a larger value is an error (or an attack). */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    /** Finer than any currency's minor unit or exchange-rate precision. */
    static final int MAX_DECIMALS = 8;

    /** An integer amount in cents (AliExpress), sent as a number or a digit string. */
    BigDecimal optCents(String field) throws InvalidRecordException {
        if (!has(field)) {
            return null;
        }
        BigDecimal cents = decimal(field);
        if (cents.stripTrailingZeros().scale() > 0) {
            throw badValue(field, "'" + cents.toPlainString() + "' is not a whole number of cents");
        }
        return cents.movePointLeft(2);
    }

    InvalidRecordException missing(String field) {
        return new InvalidRecordException(ErrorKind.MISSING_FIELD, "missing required field '" + name(field) + "'");
    }

    InvalidRecordException wrongType(String field, String expected, JsonNode actual) {
        return new InvalidRecordException(ErrorKind.WRONG_TYPE, "field '" + name(field) + "' must be " + expected
                + ", got " + actual.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(actual.toString()));
    }

    InvalidRecordException badEnum(String field, String value, String allowed) {
        return new InvalidRecordException(ErrorKind.BAD_ENUM,
                "field '" + name(field) + "' value '" + value + "' is not one of [" + allowed + "]");
    }

    InvalidRecordException badValue(String field, String problem) {
        return new InvalidRecordException(ErrorKind.BAD_VALUE, "field '" + name(field) + "' " + problem);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
