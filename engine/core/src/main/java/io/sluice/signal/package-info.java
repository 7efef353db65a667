/**
 * Signalling without lost wake-ups: the counted monitor that blocking consumers and blocked
 * producers wait on, so a signal takes a lock only when a thread waits. Shared by the wait
 * strategies and the ring's producers; not exported.
 */
package io.sluice.signal;
