package kmlab.runs;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One axis of a study: a setting that runs differ by, declared once in {@link Axes}. The
 * declaration says where the grid file gives it, how its text is read (and the error when it is
 * wrong), the {@code fit} flag and the JMH parameter it becomes, its column in the results, and what
 * the analysis does with it ({@link Role}). Everything that plans, starts, records or reads a run
 * iterates over {@link Axes#ALL} instead of naming axes one by one.
 *
 * @param <T> the value's type (null: the run has no value for the axis, e.g. a peer's layout)
 */
public final class Axis<T> {
    /** Where a grid file gives the axis. */
    public enum Section {
        /** {@code data:}, a list of alternatives: every combination is a dataset. */
        DATA,
        /** {@code fits:}, a list of alternatives: every combination is a setting of the fits. */
        FITS,
        /** An entry of {@code implementations:}, one value each. */
        IMPLEMENTATION
    }

    /** What the analysis does with the axis. */
    public enum Role {
        /** Part of the cell (dataset and setting): a cell's repeats are pooled, and runs of one cell and repeat are paired. */
        CELL,
        /** The size a crossover is traced across; part of the cell too. */
        SIZE,
        /** Part of what an implementation is (its family, apart from threads). */
        FAMILY,
        /** The axis a crossover compares along: implementations of one family that differ in it only are twins. */
        TWIN,
        /** Recorded with each run, never compared. */
        RECORDED
    }

    /** Reads a value from the grid's or the record's text; wrong text is an IllegalArgumentException with the message. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(List<String> items);

        /** A single value. */
        static <T> Parser<T> single(String key, Function<String, T> one) {
            return items -> {
                if (items.size() != 1) {
                    throw new IllegalArgumentException(key + " must be a single value");
                }
                return one.apply(items.getFirst());
            };
        }
    }

    private final String key;
    private final Section section;
    private final Role role;
    private final Parser<T> parser;
    private final Function<T, Object> recorded;
    private final T absent;
    private final String fitFlag;
    private final String jmhParam;
    private final Function<T, String> tag;
    private final Function<T, String> fileTag;
    private final boolean list;
    private final boolean range;

    private Axis(Builder<T> b) {
        this.key = b.key;
        this.section = b.section;
        this.role = b.role;
        this.parser = b.parser;
        this.recorded = b.recorded;
        this.absent = b.absent;
        this.fitFlag = b.fitFlag;
        this.jmhParam = b.jmhParam;
        this.tag = b.tag;
        this.fileTag = b.fileTag;
        this.list = b.list;
        this.range = b.range;
    }

    /** The key in a grid file, in runs.jsonl and the column of runs.csv. */
    public String key() {
        return key;
    }

    public Section section() {
        return section;
    }

    public Role role() {
        return role;
    }

    /** The value of the text items (one, or a list value's items); IllegalArgumentException with the reason. */
    public T parse(List<String> items) {
        return parser.parse(items);
    }

    public T parse(String text) {
        return parse(List.of(text));
    }

    /** The value as runs.jsonl records it: a Number, a String, a list of Strings, or null. */
    public Object recorded(T value) {
        return value == null ? null : recorded.apply(value);
    }

    /** The value as text: fit's argument, a JMH parameter, a CSV cell (list items joined by spaces). */
    public String text(T value) {
        Object r = recorded(value);
        return r == null ? "" : r instanceof List<?> l ? String.join(" ", l.stream().map(Object::toString).toList())
                : r.toString();
    }

    /** The value of a grid entry or a record that does not give the axis. */
    public T absent() {
        return absent;
    }

    /** The {@code fit} flag the axis becomes, or null (fit has none: a data axis, the JVM's own settings). */
    public String fitFlag() {
        return fitFlag;
    }

    /** The JMH {@code @Param} the axis becomes in a benchmark that declares it, or null. */
    public String jmhParam() {
        return jmhParam;
    }

    /**
     * The value's part of a name: of the family ({@link Role#FAMILY}, "" where the value is the
     * family's unnamed default) or of the slice a crossover is traced in ({@link Role#CELL}, "" where
     * it names nothing).
     */
    public String tag(T value) {
        return tag == null ? "" : tag.apply(value);
    }

    /** The value's part of a generated dataset's file name ({@link Section#DATA}; "" where it adds nothing). */
    public String fileTag(T value) {
        return fileTag == null ? "" : fileTag.apply(value);
    }

    /** Whether one value is a list of items ({@code jvm_options}), not one item. */
    public boolean list() {
        return list;
    }

    /** Whether a grid may give the alternatives as a doubling range {@code {from, to, doubling: true}}. */
    public boolean range() {
        return range;
    }

    /** The value's type is the caller's to know: a value read from a record or a grid of this axis. */
    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return key;
    }

    static <T> Builder<T> of(String key, Section section, Role role, Parser<T> parser) {
        return new Builder<>(key, section, role, parser);
    }

    /** The optional parts of a declaration. */
    static final class Builder<T> {
        private final String key;
        private final Section section;
        private final Role role;
        private final Parser<T> parser;
        private Function<T, Object> recorded = Object::toString;
        private T absent;
        private String fitFlag;
        private String jmhParam;
        private Function<T, String> tag;
        private Function<T, String> fileTag;
        private boolean list;
        private boolean range;

        private Builder(String key, Section section, Role role, Parser<T> parser) {
            this.key = Objects.requireNonNull(key);
            this.section = section;
            this.role = role;
            this.parser = parser;
        }

        Builder<T> recorded(Function<T, Object> f) {
            recorded = f;
            return this;
        }

        Builder<T> absent(T value) {
            absent = value;
            return this;
        }

        Builder<T> fitFlag(String flag) {
            fitFlag = flag;
            return this;
        }

        Builder<T> jmhParam(String name) {
            jmhParam = name;
            return this;
        }

        Builder<T> tag(Function<T, String> f) {
            tag = f;
            return this;
        }

        Builder<T> fileTag(Function<T, String> f) {
            fileTag = f;
            return this;
        }

        Builder<T> list() {
            list = true;
            return this;
        }

        Builder<T> range() {
            range = true;
            return this;
        }

        Axis<T> build() {
            return new Axis<>(this);
        }
    }
}
