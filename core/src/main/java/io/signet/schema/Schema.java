package io.signet.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * MLflow's {@code Schema}: all column specs or all tensor specs, all named or all unnamed,
 * validated with MLflow's own rules and messages.
 */
public final class Schema {
    private final List<InputSpec> inputs;

    public Schema(final List<? extends InputSpec> inputs) {
        if (inputs.isEmpty()) {
            throw SignatureException.invalid("Creating Schema with empty inputs is not allowed.");
        }
        boolean allNamed = true;
        boolean allUnnamed = true;
        boolean allTensor = true;
        boolean allCol = true;
        boolean anyOptional = false;
        for (final InputSpec s : inputs) {
            allNamed &= s.name() != null;
            allUnnamed &= s.name() == null;
            allTensor &= s instanceof TensorSpec;
            allCol &= s instanceof ColSpec;
            // MLflow asks `required is False`: a None (MLflow 3: required absent or null) is not refused
            anyOptional |= s instanceof ColSpec ? ((ColSpec) s).requiredIsFalse() : !s.required();
        }
        if (!allNamed && !allUnnamed) {
            final List<Object> names = new ArrayList<>();
            for (final InputSpec s : inputs) {
                names.add(s.label());
            }
            throw new SignatureException("Creating Schema with a combination of named and unnamed inputs is not "
                + "allowed. Got input names " + PyRepr.repr(names));
        }
        if (!allTensor && !allCol) {
            // MLflow formats ColSpec.__class__ and TensorSpec.__class__, which are both <class 'type'>.
            throw new SignatureException("Creating Schema with a combination of <class 'type'> and <class 'type'> is "
                + "not supported. Please choose one of <class 'type'> or <class 'type'>");
        }
        if (allTensor && inputs.size() > 1 && !allNamed) {
            throw new SignatureException("Creating Schema with multiple unnamed TensorSpecs is not supported. "
                + "Please provide names for each TensorSpec.");
        }
        if (allUnnamed && anyOptional) {
            throw new SignatureException("Creating Schema with unnamed optional inputs is not supported. "
                + "Please name all inputs or make all inputs required.");
        }
        this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
    }

    public List<InputSpec> inputs() {
        return inputs;
    }

    public int size() {
        return inputs.size();
    }

    public InputSpec input(final int i) {
        return inputs.get(i);
    }

    public boolean isTensorSpec() {
        return inputs.get(0) instanceof TensorSpec;
    }

    public boolean hasInputNames() {
        return inputs.get(0).name() != null;
    }

    /**
     * The names, or the positions (as Long) for an unnamed schema, like {@code input_names()}:
     * {@code x.name or i}, so a falsy name (None, an empty string, the integer 0) counts as its position.
     */
    public List<Object> inputNames() {
        final List<Object> r = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            r.add(lookupName(i));
        }
        return r;
    }

    /** {@code required_input_names()}. */
    public List<Object> requiredInputNames() {
        final List<Object> r = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).required()) {
                r.add(lookupName(i));
            }
        }
        return r;
    }

    /** {@code x.name or i} of input {@code i}: the key MLflow looks the input up by. */
    public Object lookupName(final int i) {
        final Object n = inputs.get(i).label();
        final boolean falsy = n == null || "".equals(n) || Long.valueOf(0).equals(n);
        return falsy ? (Object) (long) i : n;
    }

    /**
     * {@code input_dict()[name]}: the input whose name (as MLflow holds it, {@link InputSpec#label()})
     * equals {@code name}, the last one when names repeat (a later key wins in Python's dict), or null.
     */
    public InputSpec inputByLabel(final Object name) {
        InputSpec r = null;
        for (final InputSpec s : inputs) {
            if (name != null && name.equals(s.label())) {
                r = s;
            }
        }
        return r;
    }

    /** The input of that name (its text, as {@link InputSpec#name()}), or null. */
    public InputSpec input(final String name) {
        for (final InputSpec s : inputs) {
            if (name.equals(s.name())) {
                return s;
            }
        }
        return null;
    }

    /** MLflow's repr: {@code ['a': long (required), 'b': string (optional)]}. */
    public String repr() {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < inputs.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(inputs.get(i).repr());
        }
        return sb.append(']').toString();
    }

    /** MLflow's {@code to_dict()}. */
    public List<Map<String, Object>> toJson() {
        final List<Map<String, Object>> r = new ArrayList<>();
        for (final InputSpec s : inputs) {
            r.add(s.toJson());
        }
        return r;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Schema && ((Schema) o).inputs.equals(inputs);
    }

    @Override
    public int hashCode() {
        return inputs.hashCode();
    }

    @Override
    public String toString() {
        return repr();
    }
}
