package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.py.DataFrame;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * MLflow 2.17.2's input-name checks at the top of {@code _enforce_schema}, for every path:
 * <ul>
 *   <li>named schemas: every required input must be present, else
 *       {@code Model is missing inputs ['b']. Note that there were extra inputs: ['y', 'z']}
 *       (extras are the input's names the schema does not declare, each once, in input order; they
 *       are dropped silently when nothing is missing);</li>
 *   <li>unnamed column schemas: only the count is checked.</li>
 * </ul>
 * Names are compared by hash with Python's equality for numbers, so the check is linear in the
 * number of names however many there are.
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
                                       final Collection<?> schemaNames, final Profile profile) {
        final Set<Object> present = new HashSet<>(actual.size() * 2);
        for (final Object a : actual) {
            present.add(DataFrame.key(a));
        }
        List<Object> missing = null;
        for (final Object n : required) {
            if (!present.contains(DataFrame.key(n))) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(n);
            }
        }
        if (missing == null) {
            return null;
        }
        final Set<Object> declared = new HashSet<>();
        for (final Object n : schemaNames) {
            declared.add(DataFrame.key(n));
        }
        final LinkedHashMap<Object, Object> extra = new LinkedHashMap<>();
        for (final Object a : actual) {
            final Object k = DataFrame.key(a);
            if (!declared.contains(k)) {
                extra.putIfAbsent(k, a);
            }
        }
        return Sentences.missingInputs(missing, extra.values(), profile);
    }

    /** The count check of an unnamed column schema: the sentence, or null when there are enough columns. */
    public static String unnamedCount(final int declared, final int provided) {
        return provided >= declared ? null : Sentences.unnamedCount(declared, provided);
    }
}
