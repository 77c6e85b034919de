package io.tenanttwilio.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The text encoding of what the JDBC stores keep in a {@code details} column: named values in
 * order, each written with its length, so that no character of a value (a quote, a newline, a
 * semicolon, any Unicode) needs escaping and a value may itself hold named values.
 *
 * <pre>
 * text  := "v" version ";" entry*        (a nested value has no version)
 * entry := name "=" length ":" value ";"  (length: the value's UTF-16 code units, in decimal)
 * name  := [A-Za-z0-9._]+                 (a name may repeat: a list, in order)
 * </pre>
 *
 * <p>An absent name is a {@code null} value; names a reader does not know are skipped. Failures
 * name the position or the field, never a value: values are a business's details and sample
 * messages. Writers are not thread-safe; readers are immutable.
 */
final class DetailsText {

    private DetailsText() {}

    /** Thrown when stored details cannot be read; its message holds no stored value. */
    static final class UnreadableDetailsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnreadableDetailsException(String message) {
            super(message);
        }
    }

    /** Builds the text of named values. */
    static final class Writer {
        private final StringBuilder text = new StringBuilder();

        /** A writer of a top-level text, which starts with its encoding's version. */
        static Writer versioned(int version) {
            Writer writer = new Writer();
            writer.text.append('v').append(version).append(';');
            return writer;
        }

        /** A writer of a nested value. */
        static Writer nested() {
            return new Writer();
        }

        private Writer() {}

        /** Adds {@code value} under {@code name}; nothing when it is {@code null}. */
        Writer put(String name, @Nullable String value) {
            if (value != null) {
                text.append(name)
                        .append('=')
                        .append(value.length())
                        .append(':')
                        .append(value)
                        .append(';');
            }
            return this;
        }

        /** Adds an enum constant's name under {@code name}; nothing when it is {@code null}. */
        Writer put(String name, @Nullable Enum<?> value) {
            return put(name, value == null ? null : value.name());
        }

        /** Adds {@code value} under {@code name}. */
        Writer put(String name, boolean value) {
            return put(name, Boolean.toString(value));
        }

        /** Adds a nested value under {@code name}. */
        Writer put(String name, Writer nested) {
            return put(name, nested.toString());
        }

        /** Adds every value of {@code values} under {@code name}, in order. */
        Writer putAll(String name, Iterable<String> values) {
            for (String value : values) {
                put(name, value);
            }
            return this;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** The named values of a text, in order. */
    static final class Reader {
        private final String what;
        private final List<Map.Entry<String, String>> entries;

        private Reader(String what, List<Map.Entry<String, String>> entries) {
            this.what = what;
            this.entries = entries;
        }

        /**
         * Reads a top-level text written with a version up to {@code supported}.
         *
         * @param what what the text describes, for failures ("registration details")
         */
        static Reader versioned(String what, String text, int supported) {
            int semicolon = text.indexOf(';');
            if (!text.startsWith("v") || semicolon < 2) {
                throw new UnreadableDetailsException("The stored " + what + " have no version");
            }
            int version;
            try {
                version = Integer.parseInt(text.substring(1, semicolon));
            } catch (NumberFormatException e) {
                throw new UnreadableDetailsException("The stored " + what + " have no version");
            }
            if (version < 1 || version > supported) {
                throw new UnreadableDetailsException("The stored " + what + " are of version " + version
                        + ", written by another version of tenant-twilio (this one reads 1 to " + supported + ")");
            }
            return new Reader(what, parse(what, text, semicolon + 1));
        }

        /** Reads a nested value. */
        Reader nested(String name) {
            String value = required(name);
            return new Reader(what + " (" + name + ")", parse(what + " (" + name + ")", value, 0));
        }

        /** Reads every nested value of {@code name}, in order. */
        List<Reader> nestedAll(String name) {
            List<Reader> readers = new ArrayList<>();
            for (String value : all(name)) {
                readers.add(new Reader(what + " (" + name + ")", parse(what + " (" + name + ")", value, 0)));
            }
            return readers;
        }

        /** The value of {@code name}, or {@code null}; the last one if it repeats. */
        @Nullable
        String optional(String name) {
            String found = null;
            for (Map.Entry<String, String> entry : entries) {
                if (entry.getKey().equals(name)) {
                    found = entry.getValue();
                }
            }
            return found;
        }

        /** The value of {@code name}; it must be there. */
        String required(String name) {
            String value = optional(name);
            if (value == null) {
                throw new UnreadableDetailsException("The stored " + what + " lack " + name);
            }
            return value;
        }

        /** Every value of {@code name}, in order. */
        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> entry : entries) {
                if (entry.getKey().equals(name)) {
                    values.add(entry.getValue());
                }
            }
            return values;
        }

        /** The constant of {@code type} named by the value of {@code name}; it must be there. */
        <E extends Enum<E>> E requiredEnum(Class<E> type, String name) {
            return constant(type, name, required(name));
        }

        /** The constants of {@code type} named by every value of {@code name}. */
        <E extends Enum<E>> List<E> allEnums(Class<E> type, String name) {
            List<E> constants = new ArrayList<>();
            for (String value : all(name)) {
                constants.add(constant(type, name, value));
            }
            return constants;
        }

        /** The value of {@code name} as a boolean; {@code false} when absent. */
        boolean flag(String name) {
            String value = optional(name);
            if (value == null || value.equals("false")) {
                return false;
            }
            if (value.equals("true")) {
                return true;
            }
            throw new UnreadableDetailsException("The stored " + what + " have an unknown value of " + name);
        }

        /** The value of {@code name} as an int, or {@code null}. */
        @Nullable
        Integer optionalInt(String name) {
            String value = optional(name);
            if (value == null) {
                return null;
            }
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                throw new UnreadableDetailsException("The stored " + what + " have an unknown value of " + name);
            }
        }

        /** A failure of these details, naming {@code field} and no value. */
        UnreadableDetailsException unreadable(String problem) {
            return new UnreadableDetailsException("The stored " + what + " " + problem);
        }

        private <E extends Enum<E>> E constant(Class<E> type, String name, String value) {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw new UnreadableDetailsException("The stored " + what + " have an unknown value of " + name);
            }
        }

        private static List<Map.Entry<String, String>> parse(String what, String text, int start) {
            List<Map.Entry<String, String>> entries = new ArrayList<>();
            int at = start;
            while (at < text.length()) {
                int equals = text.indexOf('=', at);
                if (equals <= at || !isName(text, at, equals)) {
                    throw malformed(what, at);
                }
                int colon = text.indexOf(':', equals + 1);
                if (colon <= equals + 1 || colon - equals - 1 > 9 || !isDigits(text, equals + 1, colon)) {
                    throw malformed(what, equals + 1);
                }
                int length = Integer.parseInt(text.substring(equals + 1, colon));
                int end = colon + 1 + length;
                if (end >= text.length() || text.charAt(end) != ';') {
                    throw malformed(what, colon + 1);
                }
                entries.add(Map.entry(text.substring(at, equals), text.substring(colon + 1, end)));
                at = end + 1;
            }
            return entries;
        }

        private static boolean isName(String text, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (!(c == '.' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isDigits(String text, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!isDigit(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static UnreadableDetailsException malformed(String what, int at) {
            return new UnreadableDetailsException("The stored " + what + " are malformed at character " + at);
        }
    }
}
