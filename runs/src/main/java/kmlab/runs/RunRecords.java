package kmlab.runs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one codec of run records: a line of {@code runs.jsonl} (the record, read back by resume,
 * merge and the analysis), a row of {@code runs.csv} (the same, tidy, for people and their
 * scripts), and the child's JSON summary. The fields: the run's identity, one per axis of
 * {@link Axes#ALL}, the repeat and seed, then what was measured. Folders written before an axis
 * existed read it as the axis's {@link Axis#absent()} value.
 */
public final class RunRecords {
    private RunRecords() {
    }

    /** runs.csv's columns. */
    public static final List<String> COLUMNS = columns();

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("run", "key", "grid", "machine_id", "implementation"));
        Axes.ALL.forEach(a -> c.add(a.key()));
        c.addAll(List.of("repeat", "seed", "status", "exit_code", "wall_s", "rss_peak_sampled_bytes",
                "rss_peak_exact_bytes", "rss_peak_rusage_bytes", "cpu_s", "cpu_sampled_s", "cpu_rusage_s", "signal",
                "jvm_start_to_main_s", "setup_s", "read_s", "fit_s",
                "write_s", "iterations", "distances", "ari", "inertia_at_k_max", "engine", "benchmark", "kernel_s"));
        return List.copyOf(c);
    }

    /** The record as one line of JSON (no line break). */
    public static String json(RunRecord r) {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.setSerializeNulls(true);
            w.beginObject();
            RunSpec spec = r.spec();
            RunOutcome o = r.outcome();
            w.name("run").value(spec.index());
            w.name("key").value(spec.key());
            w.name("grid").value(spec.grid());
            w.name("machine_id").value(r.machineId());
            w.name("implementation").value(spec.implementation());
            for (Axis<?> a : Axes.ALL) {
                w.name(a.key());
                value(w, spec.axes().recorded(a));
            }
            w.name("repeat").value(spec.repeat());
            w.name("seed").value(spec.seed());
            w.name("status").value(o.status().label());
            w.name("exit_code").value(o.exitCode());
            w.name("wall_s").value(o.wall());
            w.name("rss_peak_sampled_bytes").value(o.rssSampled());
            w.name("cpu_sampled_s").value(o.cpuSampled());
            w.name("rss_peak_rusage_bytes").value(o.rssRusage());
            w.name("cpu_rusage_s").value(o.cpuRusage());
            w.name("signal").value(o.signal());
            RunOutcome.Child c = o.child();
            if (c != null) {
                w.name("rss_peak_exact_bytes").value(c.rssExact());
                w.name("cpu_s").value(c.cpu());
                w.name("jvm_start_to_main_s").value(c.phases().start());
                w.name("setup_s").value(c.phases().setup());
                w.name("read_s").value(c.phases().read());
                w.name("fit_s").value(c.phases().fit());
                w.name("write_s").value(c.phases().write());
                w.name("iterations").value(o.iterations());
                if (o.distances() != null) {
                    w.name("distances").value(o.distances());
                }
                w.name("ari").value(c.ari());
                w.name("inertia_at_k_max").value(o.inertiaAtKMax());
                w.name("fits");
                fits(w, c.fits());
                if (c.relaunched()) {
                    w.name("relaunched").value(true);
                }
            }
            w.name("engine").value(spec.engine().label());
            if (spec.benchmark() != null) {
                w.name("benchmark").value(spec.benchmark());
                w.name("kernel_s").value(o.kernelSeconds());
                w.name("kernel_s_iterations");
                value(w, o.kernelIterations());
            }
            if (o.wallIterations() != null) {
                w.name("wall_s_iterations");
                value(w, o.wallIterations());
            }
            w.name("stderr_tail").value(o.stderrTail());
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return s.toString();
    }

    private static void fits(JsonWriter w, List<RunOutcome.FitRecord> fits) throws IOException {
        w.beginArray();
        for (RunOutcome.FitRecord f : fits) {
            w.beginObject();
            w.name("k").value(f.k());
            w.name("iterations").value(f.iterations());
            w.name("converged").value(f.converged());
            w.name("inertia").value(f.inertia());
            w.name("seed_s").value(f.seedSeconds());
            w.name("lloyd_s").value(f.lloydSeconds());
            if (f.kernel() != null) {
                w.name("kernel").value(f.kernel());
            }
            if (f.threads() != null) {
                w.name("threads").value(f.threads());
            }
            if (f.algorithm() != null) {
                w.name("algorithm").value(f.algorithm());
            }
            if (f.distances() != null) {
                w.name("distances").value(f.distances());
            }
            if (f.seedDistances() != null) {
                w.name("seed_distances").value(f.seedDistances());
            }
            w.endObject();
        }
        w.endArray();
    }

    private static void value(JsonWriter w, Object v) throws IOException {
        switch (v) {
            case null -> w.nullValue();
            case Number n -> w.value(n);
            case Boolean b -> w.value(b);
            case List<?> l -> {
                w.beginArray();
                for (Object x : l) {
                    value(w, x);
                }
                w.endArray();
            }
            default -> w.value(v.toString());
        }
    }

    /** The record as a row of runs.csv (RFC 4180 quoting where a cell needs it), without its line break. */
    public static String csv(RunRecord r) {
        RunSpec spec = r.spec();
        RunOutcome o = r.outcome();
        RunOutcome.Child c = o.child();
        List<Object> cells = new ArrayList<>(List.of(spec.index(), spec.key(), spec.grid(), text(r.machineId()),
                spec.implementation()));
        for (Axis<?> a : Axes.ALL) {
            cells.add(text(spec.axes().text(a)));
        }
        cells.addAll(java.util.Arrays.asList(spec.repeat(), spec.seed(), o.status().label(), o.exitCode(), o.wall(),
                o.rssSampled(), c == null ? null : c.rssExact(), o.rssRusage(), c == null ? null : c.cpu(),
                o.cpuSampled(), o.cpuRusage(), o.signal(),
                c == null ? null : c.phases().start(), c == null ? null : c.phases().setup(),
                c == null ? null : c.phases().read(), c == null ? null : c.phases().fit(),
                c == null ? null : c.phases().write(), o.iterations(), o.distances(), c == null ? null : c.ari(),
                o.inertiaAtKMax(),
                spec.engine().label(), spec.benchmark(), spec.benchmark() == null ? null : o.kernelSeconds()));
        StringBuilder sb = new StringBuilder();
        for (Object cell : cells) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            String s = cell == null ? "" : cell.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            sb.append(s);
        }
        return sb.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** A line of runs.jsonl; a line that is not a run record is an IllegalArgumentException saying why. */
    public static RunRecord parse(String line) {
        JsonObject o;
        try {
            o = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")");
        }
        try {
            AxisValues axes = AxisValues.NONE;
            for (Axis<?> a : Axes.ALL) {
                axes = read(o, a, axes);
            }
            String benchmark = str(o, "benchmark");
            Engine engine = o.has("engine") ? kmlab.util.Labels.parse(Engine.class, str(o, "engine"), "engine")
                    : benchmark != null ? Engine.JMH : Engine.CLI;
            RunSpec spec = new RunSpec(integer(o, "run"), -1, required(o, "key"), str(o, "grid"), engine,
                    required(o, "implementation"), axes, integer(o, "repeat"), o.get("seed").getAsLong(), benchmark);
            RunOutcome.Child child = null;
            if (o.get("fits") instanceof JsonArray fits) {
                child = new RunOutcome.Child(longOrNull(o, "rss_peak_exact_bytes"), num(o, "cpu_s"),
                        new RunOutcome.Phases(num(o, "jvm_start_to_main_s"), num(o, "setup_s"), num(o, "read_s"),
                                num(o, "fit_s"), num(o, "write_s")),
                        fitList(fits), num(o, "ari"), o.has("relaunched") && o.get("relaunched").getAsBoolean());
            }
            RunOutcome outcome = new RunOutcome(RunOutcome.Status.parse(required(o, "status")),
                    o.get("exit_code") == null || o.get("exit_code").isJsonNull() ? null : o.get("exit_code").getAsInt(),
                    num(o, "wall_s"), numbers(o, "wall_s_iterations"), longOrNull(o, "rss_peak_sampled_bytes"),
                    num(o, "cpu_sampled_s"), longOrNull(o, "rss_peak_rusage_bytes"), num(o, "cpu_rusage_s"),
                    str(o, "signal"), child, num(o, "kernel_s"), numbers(o, "kernel_s_iterations"),
                    str(o, "stderr_tail"));
            return new RunRecord(spec, str(o, "machine_id"), outcome);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a run record (" + e.getMessage() + ")");
        }
    }

    /** A record's value of one axis: null where the record says null, the axis's absent value where it says nothing. */
    private static <T> AxisValues read(JsonObject o, Axis<T> a, AxisValues into) {
        JsonElement e = o.get(a.key());
        if (e == null) {
            return into;
        }
        if (e.isJsonNull()) {
            return into.with(a, null);
        }
        List<String> items = new ArrayList<>();
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> items.add(x.getAsString()));
        } else {
            items.add(e.getAsString());
        }
        return into.with(a, a.parse(items));
    }

    /**
     * Fit's JSON summary ({@code --json}; a peer's is the same), as the record keeps it; fields a
     * program does not report are null.
     */
    public static RunOutcome.Child child(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        JsonObject ph = o.get("phases_s") instanceof JsonObject p ? p : new JsonObject();
        Double peak = num(o, "peak_rss_bytes");
        return new RunOutcome.Child(peak == null ? null : peak.longValue(), num(o, "cpu_s"),
                new RunOutcome.Phases(num(ph, "jvm_start_to_main"), num(ph, "setup"), num(ph, "read"), num(ph, "fit"),
                        num(ph, "write")),
                fitRecords(o.getAsJsonArray("fits")), num(o, "ari"), o.has("relaunched"));
    }

    /** A summary's fits: at least one (a summary without a fit is no run's: the run failed, not a NaN inertia). */
    private static List<RunOutcome.FitRecord> fitRecords(JsonArray fits) {
        List<RunOutcome.FitRecord> out = fitList(fits);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the child's summary lists no fit");
        }
        return out;
    }

    private static List<RunOutcome.FitRecord> fitList(JsonArray fits) {
        List<RunOutcome.FitRecord> out = new ArrayList<>();
        for (JsonElement e : fits) {
            JsonObject f = e.getAsJsonObject();
            out.add(new RunOutcome.FitRecord(f.get("k").getAsInt(), f.get("iterations").getAsInt(),
                    f.get("converged") == null || f.get("converged").isJsonNull() ? null : f.get("converged").getAsBoolean(),
                    f.get("inertia").getAsDouble(), num(f, "seed_s"), num(f, "lloyd_s"), str(f, "kernel"),
                    f.get("threads") == null || f.get("threads").isJsonNull() ? null : f.get("threads").getAsInt(),
                    str(f, "algorithm"), longOrNull(f, "distances"), longOrNull(f, "seed_distances")));
        }
        return List.copyOf(out);
    }

    private static String required(JsonObject o, String k) {
        String s = str(o, k);
        if (s == null) {
            throw new IllegalArgumentException("no " + k);
        }
        return s;
    }

    private static int integer(JsonObject o, String k) {
        JsonElement e = o.get(k);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("no " + k);
        }
        return e.getAsInt();
    }

    private static String str(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Double num(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? null : e.getAsDouble();
    }

    private static Long longOrNull(JsonObject o, String k) {
        Double d = num(o, k);
        return d == null ? null : d.longValue();
    }

    private static List<Double> numbers(JsonObject o, String k) {
        return o.get(k) instanceof JsonArray a ? list(a, JsonElement::getAsDouble) : null;
    }

    private static <T> List<T> list(JsonArray a, Function<JsonElement, T> f) {
        List<T> out = new ArrayList<>();
        a.forEach(x -> out.add(f.apply(x)));
        return List.copyOf(out);
    }
}
