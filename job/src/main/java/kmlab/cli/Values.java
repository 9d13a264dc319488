package kmlab.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The values of one command line, read by {@link Options}: each option's given text or its default,
 * converted on request. A value that does not convert is an {@link IllegalArgumentException} naming
 * the option, which the commands print as their one-line usage error.
 */
public final class Values {
    private final Options table;
    private final Map<String, String> given;
    private final String positional;

    Values(Options table, Map<String, String> given, String positional) {
        this.table = table;
        this.given = Map.copyOf(given);
        this.positional = positional;
    }

    /** The positional parameter's text. */
    public String positional() {
        return positional;
    }

    public boolean given(String name) {
        table.option(name);
        return given.containsKey(name);
    }

    /** The option's text, else its default, else null. */
    public String text(String name) {
        Options.Option o = table.option(name);
        String v = given.get(name);
        return v != null ? v : o.defaultValue();
    }

    public boolean flag(String name) {
        return "true".equals(text(name));
    }

    public int integer(String name) {
        return parsed(name, Integer::parseInt, "an integer");
    }

    /** The option's integer, or null where it was not given and has no default. */
    public Integer optionalInteger(String name) {
        return text(name) == null ? null : integer(name);
    }

    public long longInteger(String name) {
        return parsed(name, Long::parseLong, "an integer");
    }

    public Path path(String name) {
        return parsed(name, Path::of, "a path");
    }

    /** The option converted by {@code parse}, whose IllegalArgumentException keeps its own words. */
    public <T> T parsed(String name, Function<String, T> parse) {
        String v = text(name);
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for " + name + ": " + e.getMessage());
        }
    }

    private <T> T parsed(String name, Function<String, T> parse, String what) {
        String v = text(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        try {
            return parse.apply(v.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value for " + name + ": '" + v + "' is not " + what);
        }
    }
}
