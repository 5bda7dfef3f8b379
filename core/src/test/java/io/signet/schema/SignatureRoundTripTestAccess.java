package io.signet.schema;

import java.nio.file.Path;

/** Test-side access to the src-test-data folder for other packages. */
public final class SignatureRoundTripTestAccess {
    private SignatureRoundTripTestAccess() {
    }

    public static Path data() {
        return SignatureRoundTripTest.data();
    }
}
