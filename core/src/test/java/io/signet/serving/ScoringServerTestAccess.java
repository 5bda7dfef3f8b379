package io.signet.serving;

import io.signet.schema.ModelSignature;

public final class ScoringServerTestAccess {
    private ScoringServerTestAccess() {
    }

    public static ModelSignature sig(final String inputs) {
        return ScoringServerTest.sig(inputs);
    }
}
