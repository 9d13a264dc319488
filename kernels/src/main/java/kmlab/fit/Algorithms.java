package kmlab.fit;

import java.util.List;

/**
 * The algorithms fit and the grids can name, by label: one line here for each {@link Algorithm}.
 * Every one runs over the one driver and gives Lloyd's fit bitwise; they differ in time only.
 */
public final class Algorithms {
    /** In the order help lists them; the first is the default. */
    public static final List<Algorithm> ALL = List.of(Lloyd.INSTANCE, Hamerly.INSTANCE, Elkan.INSTANCE);

    private Algorithms() {
    }

    /** The algorithm labelled {@code s}; otherwise an error that lists the labels. */
    public static Algorithm parse(String s) {
        for (Algorithm a : ALL) {
            if (a.label().equals(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + s + "' (expected one of: "
                + String.join(", ", labels()) + ")");
    }

    public static List<String> labels() {
        return ALL.stream().map(Algorithm::label).toList();
    }
}
