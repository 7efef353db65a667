/**
 * Sluice's Aeron bridge: rings in different processes or hosts joined over Aeron, with
 * backpressure carried across. Requires the core, the Aeron client and Agrona, all visible to its
 * users because its API uses their types; the media driver only for an embedded driver.
 */
module io.sluice.aeron {
    requires transitive io.sluice;
    requires transitive io.aeron.client;
    requires transitive org.agrona;
    requires static io.aeron.driver;

    exports io.sluice.aeron;
}
