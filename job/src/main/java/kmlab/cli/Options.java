package kmlab.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's options, declared once, read two ways. A plain command line (each option once, as
 * {@code --name value} or {@code --name=value}, flags, one positional) is read here directly; anything
 * else (help, version, an unknown or repeated option, a missing value) goes to picocli, built from
 * the same table, which prints the help and the usage errors. Why: in a fresh JVM building and
 * running picocli's model of {@code fit} cost a large share of a small job's time before the job read
 * a byte (the figures: README, "Fixed costs of a fresh JVM"); picocli's classes are also too old a
 * class-file version for the JDK's AOT cache to keep. Both ways give the same {@link Values}, and
 * every value is converted there, so a bad value gives the same message either way.
 */
public final class Options {
    /** What a command does with its values; returns the exit code. */
    @FunctionalInterface
    public interface Command {
        Integer run(Values values) throws Exception;
    }

    /** One option; {@code defaultValue} null = none; a flag takes no value. */
    public record Option(String name, String label, String defaultValue, boolean flag, boolean required,
                         String[] description) {
    }

    private final String name;
    private final String[] description;
    private final List<Option> options = new ArrayList<>();
    private final Map<String, Option> byName = new HashMap<>();
    private String positionalLabel;
    private String[] positionalDescription;

    public Options(String name, String... description) {
        this.name = name;
        this.description = description;
    }

    public List<Option> options() {
        return List.copyOf(options);
    }

    /** The one positional parameter (required). */
    public Options positional(String label, String... description) {
        this.positionalLabel = label;
        this.positionalDescription = description;
        return this;
    }

    /** An option that takes a value; {@code defaultValue} null = none (the option is then optional). */
    public Options option(String name, String label, String defaultValue, String... description) {
        return add(new Option(name, label, defaultValue, false, false, description));
    }

    /** An option that must be given. */
    public Options required(String name, String label, String... description) {
        return add(new Option(name, label, null, false, true, description));
    }

    /** An option without a value: present or not. */
    public Options flag(String name, String... description) {
        return add(new Option(name, null, null, true, false, description));
    }

    /** Appends another table's options (and its positional, if this one has none). */
    public Options include(Options other) {
        if (positionalLabel == null) {
            positional(other.positionalLabel, other.positionalDescription);
        }
        other.options.forEach(this::add);
        return this;
    }

    private Options add(Option o) {
        if (byName.putIfAbsent(o.name(), o) != null) {
            throw new IllegalStateException("option " + o.name() + " declared twice");
        }
        options.add(o);
        return this;
    }

    Option option(String name) {
        Option o = byName.get(name);
        if (o == null) {
            throw new IllegalStateException("no option " + name + " in " + this.name);
        }
        return o;
    }

    /**
     * The values of a plain command line, or null when it is not one (then picocli reads it, and
     * prints the help or the error).
     */
    public Values parsePlain(String[] args) {
        Map<String, String> given = new HashMap<>();
        String positional = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-")) {
                int eq = a.indexOf('=');
                Option o = byName.get(eq < 0 ? a : a.substring(0, eq));
                if (o == null || given.containsKey(o.name())) {
                    return null; // -h, -V, unknown, repeated: picocli says what it is
                }
                String value;
                if (o.flag()) {
                    if (eq >= 0) {
                        return null;
                    }
                    value = "true";
                } else if (eq >= 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.length && !byName.containsKey(args[i + 1])) {
                    value = args[++i];
                } else {
                    return null;
                }
                given.put(o.name(), value);
            } else if (positional == null && positionalLabel != null) {
                positional = a;
            } else {
                return null;
            }
        }
        if (positionalLabel != null && positional == null) {
            return null;
        }
        for (Option o : options) {
            if (o.required() && !given.containsKey(o.name())) {
                return null;
            }
        }
        return new Values(this, given, positional);
    }

    /**
     * The same options as a picocli command (help and version options added), which hands the
     * parsed {@link Values} to {@code run} and returns its exit code.
     */
    public CommandSpec spec(Command run) {
        CommandSpec[] self = new CommandSpec[1];
        java.util.concurrent.Callable<Integer> call = () -> run.run(values(self[0].commandLine().getParseResult()));
        CommandSpec spec = CommandSpec.wrapWithoutInspection(call).name(name);
        self[0] = spec;
        spec.usageMessage().description(description).sortOptions(false);
        if (positionalLabel != null) {
            spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel(positionalLabel)
                    .type(String.class).arity("1").required(true).description(positionalDescription).build());
        }
        for (Option o : options) {
            OptionSpec.Builder b = OptionSpec.builder(o.name()).description(o.description()).required(o.required());
            if (o.flag()) {
                b.type(boolean.class).arity("0");
            } else {
                b.type(String.class).arity("1").paramLabel("<" + o.label() + ">");
                if (o.defaultValue() != null) {
                    b.defaultValue(o.defaultValue());
                }
            }
            spec.addOption(b.build());
        }
        spec.mixinStandardHelpOptions(true);
        return spec;
    }

    private Values values(ParseResult pr) {
        Map<String, String> given = new HashMap<>();
        for (Option o : options) {
            if (pr.hasMatchedOption(o.name())) {
                given.put(o.name(), o.flag() ? "true" : pr.matchedOptionValue(o.name(), ""));
            }
        }
        String positional = positionalLabel == null ? null : pr.matchedPositionalValue(0, (String) null);
        return new Values(this, given, positional);
    }
}
