/**
 * Internal: not API; may change without notice. The JSON readers behind {@code io.signet.json.Limits}:
 * the streaming parsers and raw scanners (SWAR digit runs, Eisel-Lemire doubles, UTF-8 checks), the
 * decoded tensor the scoring server fills, deviation facts and the cold-path value reader.
 * ({@code io.signet.internal.json.TensorReader}, {@code RawArrayScanner} and {@code PyNum} join this package
 * once the branches editing them have landed.)
 */
package io.signet.internal.json;
