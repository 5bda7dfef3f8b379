package io.signet.validate;

import io.signet.enforce.Mode;
import io.signet.enforce.TensorSchemaEnforcer.TensorPolicy;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.Schema;
import io.signet.tensor.NpyFormatException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code .npy} files (one array: the unnamed input, or a named schema's single input) and
 * {@code .npz} archives (entry {@code x.npy} is input {@code x}), checked in place against a tensor
 * signature: the header always, the values (NaN/Inf policies) in strict mode, memory-mapped region by
 * region. A malformed file is unreadable, with the byte offset of the problem.
 */
public final class TensorFileValidator implements FileValidator {
    private final TensorSchemaEnforcer enforcer;
    private final int maxErrors;
    /** MLflow mode, or strict without a value policy: the header (dtype, shape) is all that is read. */
    private final boolean headerOnly;

    public TensorFileValidator(final Schema schema, final ValidationOptions o) {
        TensorPolicy policy = TensorPolicy.NONE;
        if (o.rejectNan) {
            policy = policy.rejectNaN();
        }
        if (o.rejectInf) {
            policy = policy.rejectInf();
        }
        // value policies are strict-mode scans: asking for one turns the scans on
        final Mode mode = policy == TensorPolicy.NONE ? o.mode : Mode.STRICT;
        this.enforcer = TensorSchemaEnforcer.compile(schema, mode, mode == Mode.STRICT ? policy : TensorPolicy.NONE,
            o.profile());
        // bounded whatever --max-errors asks: TensorViolations allocates its capacity up front
        this.maxErrors = Math.max(1, Math.min(o.maxErrors, ValidationOptions.MAX_KEPT_PROBLEMS));
        this.headerOnly = mode != Mode.STRICT || policy == TensorPolicy.NONE;
    }

    @Override
    public boolean accepts(final Path file) {
        final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".npz");
    }

    @Override
    public void validate(final Path file, final FileResult result) {
        if (headerOnly) {
            result.headerOnly();
        }
        final TensorViolations v = new TensorViolations(maxErrors);
        final boolean ok;
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
                ok = enforcer.checkNpz(file, v);
            } else {
                if (enforcer.schema().hasInputNames() && enforcer.inputCount() > 1) {
                    result.invalid(null, "a .npy file holds one array, but the model takes "
                        + enforcer.inputCount() + " named inputs: use a .npz archive with one entry per input",
                        "INVALID_PARAMETER_VALUE", null);
                    return;
                }
                ok = enforcer.checkNpy(0, file, v);
            }
        } catch (final NpyFormatException e) {
            result.unreadable(null, e.getMessage()); // names the file and the byte offset
            return;
        } catch (final IOException | RuntimeException e) {
            result.unreadable(null, "cannot read: " + e.getMessage());
            return;
        }
        if (ok) {
            result.valid();
            return;
        }
        // one file is one input: its violations are problems of that one input
        result.invalid(v.path(0), v.message(0), "INVALID_PARAMETER_VALUE",
            io.signet.enforce.Deviation.codeOf(v.deviation(0)));
        for (int i = 1; i < v.count(); i++) {
            result.problem(v.path(i), v.message(i), "INVALID_PARAMETER_VALUE",
                io.signet.enforce.Deviation.codeOf(v.deviation(i)));
        }
    }
}
