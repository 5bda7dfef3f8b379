package io.signet.serving;

import com.fasterxml.jackson.core.io.NumberInput;
import io.signet.testing.Allocations;
import org.junit.jupiter.api.Test;
import java.util.Random;

class TmpAllocProbe2Test {
    @Test
    void probe() {
        final Random r = new Random(42);
        final char[][] vals = new char[1000][];
        for (int i = 0; i < 1000; i++) {
            r.nextInt(1_000_000);
            vals[i] = Double.toString(r.nextDouble()).toCharArray();
            r.nextInt(100_000); r.nextBoolean();
        }
        final double[] sink = new double[1];
        for (int k = 0; k < 20000; k++) {
            for (char[] v : vals) sink[0] += NumberInput.parseDouble(v, 0, v.length, true);
        }
        int bad = 0; long total = 0;
        for (char[] v : vals) {
            long a = Allocations.steadyState(() -> sink[0] += NumberInput.parseDouble(v, 0, v.length, true), 3);
            if (a > 0) { bad++; total += a; if (bad < 6) System.out.println("PROBE2 " + new String(v) + " " + a); }
        }
        System.out.println("PROBE2 bad=" + bad + " total=" + total);
    }
}
