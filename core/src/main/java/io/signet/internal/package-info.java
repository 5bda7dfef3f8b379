/**
 * Internal: not API; may change without notice. Process-wide checks Signet makes once before it
 * touches off-heap memory or Jackson: the Agrona access flag ({@link io.signet.internal.AgronaAccess})
 * and the supported jackson-core range ({@link io.signet.internal.JacksonSupport}).
 */
package io.signet.internal;
