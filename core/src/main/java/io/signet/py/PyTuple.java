package io.signet.py;

import io.signet.py.PyRepr;

import java.util.Collections;
import java.util.List;

/** A Python tuple: its items (a list in this model would be a {@code list}). */
public final class PyTuple implements PyRepr.PyTyped {
    private final List<Object> items;

    public PyTuple(final List<Object> items) {
        this.items = Collections.unmodifiableList(items);
    }

    public List<Object> items() {
        return items;
    }

    @Override
    public String pyTypeName() {
        return "tuple";
    }

    @Override
    public String pyRepr() {
        final String list = PyRepr.repr(items);
        return "(" + list.substring(1, list.length() - 1) + (items.size() == 1 ? ",)" : ")");
    }
}
