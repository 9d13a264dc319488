package kmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The plain reading and picocli's, from one table, give the same values; anything unusual goes to picocli. */
class OptionsTest {
    static final Options TABLE = new Options("t", "a test command")
            .positional("INPUT", "the input")
            .required("--k-max", "kMax", "required")
            .option("--seed", "seed", "7", "with a default")
            .option("--k-true", "kTrue", null, "optional, no default")
            .flag("--json", "a flag");

    /** What picocli reads from the same command line. */
    static Values viaPicocli(String... args) {
        AtomicReference<Values> got = new AtomicReference<>();
        int code = new CommandLine(TABLE.spec(v -> {
            got.set(v);
            return 0;
        })).execute(args);
        assertEquals(0, code);
        return got.get();
    }

    static void assertSame(Values a, Values b) {
        assertEquals(a.positional(), b.positional());
        for (Options.Option o : TABLE.options()) {
            assertEquals(a.text(o.name()), b.text(o.name()), o.name());
            assertEquals(a.given(o.name()), b.given(o.name()), o.name());
        }
    }

    @Test
    void plainAndPicocliAgree() {
        for (List<String> line : List.of(
                List.of("in.csv", "--k-max", "8"),
                List.of("--k-max=8", "in.csv", "--json"),
                List.of("in.csv", "--k-max", "8", "--seed", "-3", "--k-true", "2"),
                List.of("--seed=5", "--json", "--k-max", "3", "in.csv"))) {
            String[] args = line.toArray(String[]::new);
            Values plain = TABLE.parsePlain(args);
            assertNotNull(plain, line.toString());
            assertSame(viaPicocli(args), plain);
        }
        Values v = TABLE.parsePlain(new String[] {"in.csv", "--k-max", "8", "--seed", "-3"});
        assertEquals(8, v.integer("--k-max"));
        assertEquals(-3L, v.longInteger("--seed"));
        assertNull(v.optionalInteger("--k-true"));
        assertTrue(!v.flag("--json"));
        assertEquals(7L, TABLE.parsePlain(new String[] {"in.csv", "--k-max", "1"}).longInteger("--seed"));
    }

    @Test
    void anythingUnusualIsLeftToPicocli() {
        for (List<String> line : List.of(
                List.of("in.csv"), // a required option missing
                List.of("--k-max", "8"), // no positional
                List.of("in.csv", "--k-max", "8", "--help"),
                List.of("in.csv", "--k-max", "8", "-h"),
                List.of("in.csv", "--k-max", "8", "--bogus"),
                List.of("in.csv", "--k-max", "8", "--k-max", "9"), // repeated
                List.of("in.csv", "--k-max"), // no value
                List.of("in.csv", "--k-max", "--json"), // an option where the value should be
                List.of("in.csv", "--k-max", "8", "--json=true"),
                List.of("in.csv", "other.csv", "--k-max", "8"))) {
            assertNull(TABLE.parsePlain(line.toArray(String[]::new)), line.toString());
        }
    }

    @Test
    void badValuesNameTheOption() {
        Values v = TABLE.parsePlain(new String[] {"in.csv", "--k-max", "eight"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.integer("--k-max"));
        assertEquals("invalid value for --k-max: 'eight' is not an integer", e.getMessage());
        assertThrows(IllegalStateException.class, () -> v.text("--not-declared"));
    }

    @Test
    void anOptionDeclaredTwiceIsABug() {
        assertThrows(IllegalStateException.class, () -> new Options("x").flag("--a", "").flag("--a", ""));
    }
}
