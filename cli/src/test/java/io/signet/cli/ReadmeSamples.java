package io.signet.cli;

import java.io.IOException;
import java.util.List;

/** README's sample blocks, for tests in other packages ({@link ReadmeSamplesTest} parses them). */
public final class ReadmeSamples {
    private ReadmeSamples() {
    }

    /** The lines of README's sample NAME (command lines left out). */
    public static List<String> sample(final String name) throws IOException {
        return ReadmeSamplesTest.sample(name);
    }
}
