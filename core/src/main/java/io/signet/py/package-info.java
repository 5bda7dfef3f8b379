/**
 * Internal: not API, may change without notice. How Python, numpy and pandas values are held in
 * Java, defined once here, and the numpy and pandas behaviour MLflow's rules rely on.
 *
 * <h2>The value model</h2>
 * <table>
 *   <caption>Python value to Java value</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>{@code int}</td><td>{@link java.lang.Long}, or {@link java.math.BigInteger} outside int64
 *       (Integer, Short and Byte are read as int too)</td></tr>
 *   <tr><td>{@code float}</td><td>{@link java.lang.Double} (Float is read as float too)</td></tr>
 *   <tr><td>{@code bool}</td><td>{@link java.lang.Boolean}</td></tr>
 *   <tr><td>{@code str}</td><td>{@link java.lang.String}</td></tr>
 *   <tr><td>{@code bytes}</td><td>{@code byte[]}</td></tr>
 *   <tr><td>{@code list} / {@code tuple}</td><td>{@link java.util.List} / {@link PyTuple}</td></tr>
 *   <tr><td>{@code dict}</td><td>{@link java.util.Map} (a {@link java.util.LinkedHashMap}: insertion order)</td></tr>
 *   <tr><td>{@code None}</td><td>{@code null}</td></tr>
 *   <tr><td>{@code decimal.Decimal}</td><td>{@link java.math.BigDecimal}</td></tr>
 *   <tr><td>{@code datetime.datetime} / {@code datetime.date}</td><td>{@link java.time.LocalDateTime} /
 *       {@link java.time.LocalDate} (naive)</td></tr>
 *   <tr><td>timezone-aware {@code datetime.datetime}</td><td>{@link java.time.OffsetDateTime} (a column of
 *       them with one offset is pandas' {@code datetime64[ns, tz]})</td></tr>
 *   <tr><td>numpy scalar ({@code np.int32(1)}, {@code np.str_('a')})</td><td>{@link io.signet.internal.tensor.NpScalar}:
 *       a dtype and its value in this model (datetime64/timedelta64: a Long count of the unit)</td></tr>
 *   <tr><td>{@code numpy.ndarray}</td><td>{@link NdArray}, the one array type: dtype, shape, and the
 *       elements in C order (or an off-heap {@link io.signet.tensor.TensorView})</td></tr>
 *   <tr><td>{@code pandas.DataFrame}</td><td>{@link DataFrame}, the one frame type: labels (any value,
 *       looked up by hash), a dtype and a cell array per column</td></tr>
 *   <tr><td>{@code pandas.Timestamp}</td><td>{@link Timestamp} (nanoseconds since the epoch, naive)</td></tr>
 * </table>
 *
 * <p>Elements of a typed array and cells of a typed frame column are held as the plain Java value
 * of their Python value (Long, Double, Boolean, String, byte[]; datetime64 as a Long count of the
 * unit, NaT as {@link Long#MIN_VALUE}); iterating hands them out as numpy does
 * ({@link NdArray#item(int)}, {@link DataFrame#item(int, int)}): numpy scalars, pandas Timestamps.
 *
 * <h2>Under it</h2>
 * <ul>
 *   <li>{@link Numpy}: {@code np.array(data)} (one shape and dtype discovery) and
 *       {@code np.array(data, dtype)} through one cast table ({@link NumpyCast}) that returns facts
 *       (the stored value, whether it wrapped or was truncated) instead of noting them elsewhere;</li>
 *   <li>{@link Pandas}: the DataFrame constructor from a dict, a list of rows, records or the split
 *       orientation, dtype inference and {@code astype};</li>
 *   <li>{@link PandasDatetime}: the one datetime parser ({@code astype('datetime64[ns]')} of strings);</li>
 *   <li>{@link Series} (a named column), {@link PyError} (numpy's and pandas' exceptions as facts), and
 *       {@link Batches}: the one seam between the hot path's {@link io.signet.column.ColumnBatch} and
 *       {@link DataFrame};</li>
 *   <li>{@link Py}: Python's type names, {@code np.isscalar}, truthiness;
 *       {@link io.signet.py.Excerpt} (beside the reprs it bounds): the one quote of a value in a message.</li>
 * </ul>
 *
 * <p>Layering: this package imports {@code tensor}, {@code column} and {@code schema} (for reprs),
 * never {@code mlflow}, {@code enforce}'s enforcers or {@code serving}.
 */
package io.signet.py;
