/**
 * Signalling without lost wake-ups: the parked waiters that blocking consumers and blocked
 * producers park on, so a signal costs a fence and a read while no thread waits. Shared by the wait
 * strategies and the ring's producers; not exported.
 */
package io.sluice.signal;
