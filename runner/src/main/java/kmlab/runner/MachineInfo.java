package kmlab.runner;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.ProcessorCache;
import oshi.hardware.HardwareAbstractionLayer;

/** The machine fingerprint that every result carries: hardware (OSHI), OS, JVM, Vector API shapes. */
final class MachineInfo {
    private MachineInfo() {
    }

    /** A short name for what a result depends on: CPU, cores, memory, OS, Java. Rows carry it. */
    static String machineId(Map<String, Object> m) {
        String key = m.get("cpu_model") + "|" + m.get("logical_cores") + "|" + m.get("memory_bytes") + "|"
                + m.get("os") + "|" + m.get("java_version") + "|" + m.get("vector_double_species");
        return "m-" + Integer.toHexString(key.hashCode());
    }

    static Map<String, Object> collect() {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        CentralProcessor cpu = hal.getProcessor();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_model", cpu.getProcessorIdentifier().getName().strip());
        m.put("cpu_vendor", cpu.getProcessorIdentifier().getVendor());
        m.put("cpu_microarchitecture", cpu.getProcessorIdentifier().getMicroarchitecture());
        m.put("physical_cores", cpu.getPhysicalProcessorCount());
        m.put("logical_cores", cpu.getLogicalProcessorCount());
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        List<Map<String, Object>> caches = new ArrayList<>();
        for (ProcessorCache c : cpu.getProcessorCaches()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("level", c.getLevel());
            e.put("type", c.getType().name().toLowerCase(Locale.ROOT));
            e.put("size_bytes", c.getCacheSize());
            e.put("line_bytes", c.getLineSize());
            e.put("associativity", c.getAssociativity());
            caches.add(e);
        }
        m.put("caches", caches);
        m.put("simd_flags", cpu.getFeatureFlags().stream()
                .flatMap(l -> List.of(l.split("\\s+")).stream())
                .filter(f -> f.startsWith("avx") || f.startsWith("sse") || f.equals("fma"))
                .distinct().sorted().toList());
        m.put("memory_bytes", hal.getMemory().getTotal());
        m.put("os", si.getOperatingSystem().toString());
        m.put("java_version", Runtime.version().toString());
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("java_vm", System.getProperty("java.vm.name"));
        m.put("java_home", System.getProperty("java.home"));
        m.put("jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        m.put("vector_double_species", DoubleVector.SPECIES_PREFERRED.toString());
        m.put("vector_double_lanes", DoubleVector.SPECIES_PREFERRED.length());
        m.put("vector_float_lanes", FloatVector.SPECIES_PREFERRED.length());
        m.put("vector_bits", DoubleVector.SPECIES_PREFERRED.vectorBitSize());
        m.put("machine_id", machineId(m));
        return m;
    }
}
