/**
 * Field access with explicit memory ordering, shared by the engine's packages and not exported:
 * the one place that looks up {@link java.lang.invoke.VarHandle}s.
 */
package io.sluice.access;
