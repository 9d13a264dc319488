package kmlab.demo;

import org.teavm.model.BasicBlock;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.Instruction;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.Program;
import org.teavm.model.ValueType;
import org.teavm.model.instructions.InvokeInstruction;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * A TeaVM plugin (found through META-INF/services when TeaVM compiles the demo, never loaded by the
 * JVM's kmlab): every call of {@code Math.fma(double, double, double)}, which TeaVM's class library
 * lacks, becomes a call of {@link Fma#fma}, the same value. The kernels' sources stay as they are.
 */
public final class FmaPlugin implements TeaVMPlugin, ClassHolderTransformer {
    private static final ValueType D = ValueType.DOUBLE;
    private static final MethodReference TO = new MethodReference(Fma.class.getName(), "fma", D, D, D, D);

    @Override
    public void install(TeaVMHost host) {
        host.add(this);
    }

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (cls.getName().equals(Fma.class.getName())) {
            return;
        }
        for (MethodHolder method : cls.getMethods()) {
            Program program = method.getProgram();
            if (program == null) {
                continue;
            }
            for (int i = 0; i < program.basicBlockCount(); i++) {
                BasicBlock block = program.basicBlockAt(i);
                for (Instruction insn : block) {
                    if (insn instanceof InvokeInstruction call && isFma(call.getMethod())) {
                        call.setMethod(TO);
                    }
                }
            }
        }
    }

    private static boolean isFma(MethodReference m) {
        return m.getName().equals("fma") && m.parameterCount() == 3 && m.parameterType(0).equals(D)
                && (m.getClassName().equals("java.lang.Math") || m.getClassName().equals("java.lang.StrictMath"));
    }
}
