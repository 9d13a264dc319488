package kmlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainDecimalTest {
    private static double parse(String s) {
        byte[] b = ("x," + s + ",y").getBytes(StandardCharsets.US_ASCII); // a slice inside a line
        return PlainDecimal.parse(b, 2, 2 + s.length());
    }

    private static void assertSameAsJava(String s) {
        double got = parse(s);
        assertTrue(!Double.isNaN(got), s + " should take the fast path");
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(got), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0.0", "-0.0", "5.", "-5.", ".5", "-.5", "007.250", "2.691257", "-10.324796",
        "9007199254740991", "900719925474099.1", "0.1", "0.3", "1.7976931348", "0.0000000000000000000001"})
    void plainDecimalsAreBitwiseWhatJavaParses(String s) {
        assertSameAsJava(s);
    }

    @Test
    void randomDecimalsOfEveryLengthAreBitwiseWhatJavaParses() {
        SplittableRandom rnd = new SplittableRandom(7);
        int fast = 0;
        for (int t = 0; t < 200_000; t++) {
            int intDigits = rnd.nextInt(0, 10);
            int fracDigits = rnd.nextInt(0, 24);
            StringBuilder sb = new StringBuilder();
            if (rnd.nextBoolean()) {
                sb.append('-');
            }
            for (int i = 0; i < intDigits; i++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (fracDigits > 0 || intDigits == 0) {
                sb.append('.');
            }
            for (int i = 0; i < fracDigits; i++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            String s = sb.toString();
            if (s.equals(".") || s.equals("-.")) {
                continue;
            }
            double got = parse(s);
            if (!Double.isNaN(got)) {
                fast++;
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(got), s);
            }
        }
        assertTrue(fast > 50_000, "the fast path should take most of these, took " + fast);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "-.", "1e5", "1E-3", "+1", " 1", "1 ", "1.2.3", "--1", "0x10", "NaN",
        "Infinity", "1d", "1,5", "12345678901234567890", "0.00000000000000000000001",
        "123456789012345678", "-3.0000000000000000000001"}) // the last two: digits beyond 2^53
    void anythingElseIsLeftToTheFullParser(String s) {
        assertTrue(Double.isNaN(parse(s)), s);
    }
}
