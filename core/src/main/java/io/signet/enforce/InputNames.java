package io.signet.enforce;

import io.signet.schema.PyRepr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * MLflow 2.17.2's input-name checks at the top of {@code _enforce_schema}, the one place every path
 * (in-process column and tensor enforcers, the DataFrame-to-tensor rules, the scoring server) words
 * them:
 *
 * <ul>
 *   <li>named schemas: every required input must be present, else
 *       {@code Model is missing inputs ['b']. Note that there were extra inputs: ['y', 'z']}
 *       (extras are the input's names the schema does not declare, each once, in input order; they
 *       are dropped silently when nothing is missing);</li>
 *   <li>unnamed column schemas: only the count is checked
 *       ({@code ... declares 2 inputs  but the provided value only has 1 inputs. ...}, two spaces).</li>
 * </ul>
 *
 * <p>Callers pass the names as they look them up (schema order, repeated names repeated), so the
 * lists here are exactly the ones the caller's enforcement then uses.
 */
public final class InputNames {
    private InputNames() {
    }

    /**
     * The missing-inputs sentence, or null when every required name is among {@code actual}.
     *
     * @param required    the schema's required input names in schema order
     * @param actual      the input's names (frame columns, dict keys) in input order; may repeat
     * @param schemaNames every name the schema declares (required and optional)
     */
    public static String missingInputs(final List<?> required, final Collection<?> actual,
                                       final Collection<?> schemaNames) {
        List<Object> missing = null;
        for (final Object n : required) {
            if (!actual.contains(n)) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(n);
            }
        }
        if (missing == null) {
            return null;
        }
        final List<Object> extra = new ArrayList<>();
        for (final Object a : actual) {
            if (!schemaNames.contains(a) && !extra.contains(a)) {
                extra.add(a);
            }
        }
        String msg = "Model is missing inputs " + PyRepr.repr(missing) + ".";
        if (!extra.isEmpty()) {
            msg += " Note that there were extra inputs: " + PyRepr.repr(extra);
        }
        return msg;
    }

    /** The count check of an unnamed column schema: the sentence, or null when there are enough columns. */
    public static String unnamedCount(final int declared, final int provided) {
        if (provided >= declared) {
            return null;
        }
        return "Model inference is missing inputs. The model signature declares " + declared
            + " inputs  but the provided value only has " + provided + " inputs. Note: the inputs were not named "
            + "in the signature so we can only verify their count.";
    }
}
