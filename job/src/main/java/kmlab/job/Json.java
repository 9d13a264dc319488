package kmlab.job;

import java.util.List;
import java.util.Map;

/**
 * The job summary's JSON, written by hand: maps, lists, strings, numbers, booleans and null, nothing
 * else. Gson did this before and cost a fresh JVM ~30 ms at the end of every job (124 classes loaded,
 * reflection, java.sql for its date adapters) where the whole 1,000-row job takes ~90 ms. Doubles
 * are Java's shortest repeatable form; a NaN or an infinity, which JSON cannot carry, is null.
 */
public final class Json {
    private Json() {
    }

    public static String of(Object value) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, value);
        return sb.toString();
    }

    // instanceof, not a pattern switch: its first run spins a class (SwitchBootstraps), milliseconds
    // of a fresh JVM's start-up
    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Double x) {
            sb.append(Double.isFinite(x) ? Double.toString(x) : "null");
        } else if (v instanceof Float x) {
            sb.append(Float.isFinite(x) ? Float.toString(x) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, l.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("no JSON for a " + v.getClass().getName());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
