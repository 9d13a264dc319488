package kmlab.analysis;

import java.util.List;

/** The machine the runs were made on, from the folder's env.json: CPU, Vector API, OS and JDK, measured peaks. */
final class MachineSection implements Section {
    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        ResultsFolder folder = in.folder();
        doc.heading(2, "Machine");
        doc.bullets(List.of(
                "CPU: " + folder.envString("cpu_model") + ", " + folder.envString("available_processors")
                        + " logical cores (OSHI: " + folder.envString("cpu_microarchitecture") + ")",
                "Vector API: " + folder.envString("vector_double_species") + "; memory "
                        + Format.num(Double.parseDouble(folder.envString("memory_bytes").replace("?", "NaN")) / 1e9) + " GB",
                "OS: " + folder.envString("os") + "; JDK: " + folder.envString("java_vm") + " " + folder.envString("java_version"),
                "measured FMA peak (double): " + Format.num(folder.peak("fma_double_gflops_1t")) + " GFLOP/s on 1 thread, "
                        + Format.num(folder.peak("fma_double_gflops_all")) + " on all; float "
                        + Format.num(folder.peak("fma_float_gflops_1t")) + " / " + Format.num(folder.peak("fma_float_gflops_all"))
                        + "; read bandwidth " + Format.num(folder.peak("read_gbps_1t")) + " GB/s (1 thread)",
                "machine id: " + folder.envString("machine_id") + "; commit: `" + folder.commit() + "`"));
    }
}
