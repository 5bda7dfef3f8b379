/**
 * Internal: not API; may change without notice. The tensor machinery behind {@code io.signet.tensor}:
 * numpy scalars and datetime units, Python's text of shapes and elements, the arena that decodes
 * request tensors, the vectorised scans and the {@code .npz} zip directory.
 */
package io.signet.internal.tensor;
