/**
 * Optional Agrona integration: any Agrona {@code IdleStrategy} as a producer back-off or a
 * consumer wait strategy, and ring, producer and consumer counters exported into an Agrona
 * {@code CountersManager} over a memory-mapped file, read live from another process by
 * {@link io.sluice.agrona.SluiceStat}.
 *
 * <p>Needs {@code org.agrona:agrona} on the class or module path. The counters use Agrona's
 * {@code UnsafeBuffer}, which needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}
 * (or {@code =org.agrona} on the module path); the idle-strategy adapters need no flag.
 */
package io.sluice.agrona;
