package kmlab.runner;

import java.util.function.Function;
import kmlab.data.Layout;
import kmlab.fit.Seeding;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lower-case names on the command line for the library's enums, parsed by the enums themselves. */
final class Converters {
    private Converters() {
    }

    private abstract static class ByName<E> implements ITypeConverter<E> {
        private final Function<String, E> parse;

        ByName(Function<String, E> parse) {
            this.parse = parse;
        }

        @Override
        public E convert(String s) {
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LayoutConverter extends ByName<Layout> {
        LayoutConverter() {
            super(Layout::parse);
        }
    }

    static final class KernelConverter extends ByName<KernelKind> {
        KernelConverter() {
            super(KernelKind::parse);
        }
    }

    static final class PrecisionConverter extends ByName<Precision> {
        PrecisionConverter() {
            super(Precision::parse);
        }
    }

    static final class SeedingConverter extends ByName<Seeding> {
        SeedingConverter() {
            super(Seeding::parse);
        }
    }
}
