package kmlab.runs;

import java.util.LinkedHashMap;
import java.util.Map;

/** A value for some of the axes, typed by the axis it is read with; an axis not given reads as its {@link Axis#absent()}. */
public final class AxisValues {
    public static final AxisValues NONE = new AxisValues(Map.of());

    private final Map<Axis<?>, Object> values;

    private AxisValues(Map<Axis<?>, Object> values) {
        this.values = values;
    }

    public <T> T get(Axis<T> axis) {
        return values.containsKey(axis) ? axis.cast(values.get(axis)) : axis.absent();
    }

    /** The axis's value as runs.jsonl records it (a Number, a String, a list of Strings), or null. */
    public Object recorded(Axis<?> axis) {
        return recordedOf(axis);
    }

    /** The axis's value as text (fit's argument, a JMH parameter, a CSV cell, a label), or null where it has none. */
    public String text(Axis<?> axis) {
        return textOf(axis);
    }

    /** The value's part of a family's or a slice's name ({@link Axis#tag}), "" where it has none. */
    public String tag(Axis<?> axis) {
        return tagOf(axis);
    }

    /** The value's part of a dataset's file name ({@link Axis#fileTag}), "" where it has none. */
    public String fileTag(Axis<?> axis) {
        return fileTagOf(axis);
    }

    private <T> Object recordedOf(Axis<T> a) {
        return a.recorded(get(a));
    }

    private <T> String textOf(Axis<T> a) {
        T v = get(a);
        return v == null ? null : a.text(v);
    }

    private <T> String tagOf(Axis<T> a) {
        T v = get(a);
        return v == null ? "" : a.tag(v);
    }

    private <T> String fileTagOf(Axis<T> a) {
        T v = get(a);
        return v == null ? "" : a.fileTag(v);
    }

    /** These values and one more (replacing the axis's value if it had one). */
    public <T> AxisValues with(Axis<T> axis, T value) {
        Map<Axis<?>, Object> m = new LinkedHashMap<>(values);
        m.put(axis, value);
        return new AxisValues(m);
    }

    /** These values and all of {@code other}'s (which win where both give an axis). */
    public AxisValues with(AxisValues other) {
        Map<Axis<?>, Object> m = new LinkedHashMap<>(values);
        m.putAll(other.values);
        return new AxisValues(m);
    }

    /** These values and one read for the axis as {@code Object} (from the axis's own parser, or its list of alternatives). */
    public AxisValues withParsed(Axis<?> axis, Object value) {
        Map<Axis<?>, Object> m = new LinkedHashMap<>(values);
        m.put(axis, value);
        return new AxisValues(m);
    }

    /** Equal when every axis reads the same (an axis given as its absent value equals one not given). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AxisValues a)) {
            return false;
        }
        for (Axis<?> axis : Axes.ALL) {
            if (!java.util.Objects.equals(get(axis), a.get(axis))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Axes.ALL.stream().map(this::get).toList().hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
