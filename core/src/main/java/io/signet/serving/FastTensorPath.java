package io.signet.serving;

import com.fasterxml.jackson.core.JsonFactory;
import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.Schema;

/** The streaming fast path for tensor signatures (filled in below). */
final class FastTensorPath {
    FastTensorPath(final Schema schema, final Mode mode, final Limits limits, final JsonFactory factory) {
    }

    static boolean applies(final Schema schema) {
        return false;
    }

    ScoringResponse tryInvoke(final byte[] body, final ScoringServer server) {
        return null;
    }
}
