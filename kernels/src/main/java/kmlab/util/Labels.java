package kmlab.util;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case names the command line and the grid files use for the library's enums. */
public final class Labels {
    private Labels() {
    }

    /** The constant's name in lower case, words joined by '-' ({@code BOXED_SCATTERED}: boxed-scattered). */
    public static String of(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose label is {@code s}; otherwise an error that lists the valid labels. */
    public static <E extends Enum<E>> E parse(Class<E> type, String s, String what) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(s)) {
                return e;
            }
        }
        String valid = Arrays.stream(type.getEnumConstants()).map(Labels::of).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + what + " '" + s + "' (expected one of: " + valid + ")");
    }
}
