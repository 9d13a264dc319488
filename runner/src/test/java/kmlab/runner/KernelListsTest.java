package kmlab.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Precision;
import org.junit.jupiter.api.Test;

/** The lists of kernels that fit's help and the JMH command show come from the kernel descriptors. */
class KernelListsTest {
    private static String words(String s) {
        return s.replaceAll("\\s+", " ");
    }

    @Test
    void fitsHelpListsEveryFamilyWithItsLineAndThePrecisionsThatNeedOne() {
        String help = words(CliTest.run("fit", "--help").out());
        for (KernelKind kind : KernelKind.values()) {
            assertTrue(help.contains(kind.label() + ", " + kind.help() + ";"), kind + ": " + help);
        }
        assertTrue(help.contains("float (" + KernelKind.supportingInWords(Precision.FLOAT) + ") runs"), help);
    }

    @Test
    void jmhsHelpListsEveryFamily() {
        String help = words(CliTest.run("help", "jmh").out());
        assertTrue(help.contains("kernel (scalar, simd, gemm;"), help);
        assertTrue(help.contains("float with simd and gemm"), help);
    }

    @Test
    void kernelBenchRunsEveryFamilyUnlessOneIsGiven() {
        String[] all = {"-p", "kernel=scalar,simd,gemm"};
        assertArrayEquals(new String[] {"KernelBench.assign", all[0], all[1]},
                JmhCommand.withKernels(List.of("KernelBench.assign")));
        assertArrayEquals(new String[] {"-lp", "KernelBench", all[0], all[1]}, JmhCommand.withKernels(List.of("-lp", "KernelBench")));
        for (List<String> kept : List.<List<String>>of(List.of("KernelBench.assign", "-p", "kernel=gemm"),
                List.of("JobBench.job", "-p", "input=x.csv"), // fit's default, auto
                List.of(), // every benchmark, JobBench's too
                List.of("-unknown-option"))) {
            assertEquals(kept, List.of(JmhCommand.withKernels(kept)), kept.toString());
        }
    }
}
