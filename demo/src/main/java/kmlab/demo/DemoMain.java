package kmlab.demo;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The page's entry point (TeaVM's main): puts {@link Demo}'s calls on {@code window.kmlab}, each
 * taking and returning text, so the page's script, which only draws, calls kmlab's Java for every
 * number it shows. An error comes back as {@code {"error": "..."}}.
 */
public final class DemoMain {
    private DemoMain() {
    }

    /** A call from the page: text in, text out. */
    @JSFunctor
    public interface Call extends JSObject {
        String call(String argument);
    }

    @JSBody(params = {"name", "f"}, script = "(window.kmlab = window.kmlab || {})[name] = f;")
    private static native void export(String name, Call f);

    public static void main(String[] args) {
        Demo demo = new Demo();
        // "shape,n,noise,dataSeed,k,init,fitSeed"
        export("setup", a -> guarded(() -> {
            String[] f = a.split(",");
            if (f.length != 7) {
                throw new IllegalArgumentException("setup takes shape,n,noise,dataSeed,k,init,fitSeed");
            }
            return demo.setup(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                    Integer.parseInt(f[4]), f[5], Long.parseLong(f[6]));
        }));
        export("step", a -> guarded(demo::step));
        export("run", a -> guarded(demo::run));
        export("reset", a -> guarded(demo::reset));
        export("state", a -> guarded(demo::state));
        export("points", a -> guarded(demo::points));
        export("csv", a -> guarded(demo::csv));
        // Math.fma as the compiled kernels get it (FmaPlugin), for the browser test: "a,b,c" as the
        // hex of their bits, each line one triple; the results' bits, one a line
        export("fma", a -> guarded(() -> {
            StringBuilder out = new StringBuilder();
            for (String line : a.split("\n")) {
                String[] f = line.split(",");
                double r = Math.fma(bits(f[0]), bits(f[1]), bits(f[2]));
                out.append(Long.toHexString(Double.doubleToRawLongBits(r))).append('\n');
            }
            return out.toString();
        }));
    }

    private static double bits(String hex) {
        // no Long.parseUnsignedLong in TeaVM's class library: the two halves
        int split = Math.max(0, hex.length() - 8);
        long high = split == 0 ? 0 : Long.parseLong(hex.substring(0, split), 16);
        return Double.longBitsToDouble(high << 32 | Long.parseLong(hex.substring(split), 16));
    }

    private interface Body {
        String get();
    }

    private static String guarded(Body body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "\\\"");
            return "{\"error\":\"" + m + "\"}";
        }
    }
}
