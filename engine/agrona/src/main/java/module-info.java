/**
 * Sluice's Agrona integration: Agrona idle strategies as producer back-offs and consumer wait
 * strategies, ring, producer and consumer counters exported into an Agrona
 * {@code CountersManager}, and {@code SluiceStat}, which reads them from another process.
 * Requires the core and Agrona; both are visible to its users because its API uses their types.
 */
module io.sluice.agrona {
    requires transitive io.sluice;
    requires transitive org.agrona;

    exports io.sluice.agrona;
}
