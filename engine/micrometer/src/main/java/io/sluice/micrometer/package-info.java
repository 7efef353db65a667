/**
 * Micrometer meters for Sluice's counter catalogue. {@link io.sluice.micrometer.SluiceMeters}
 * makes the binders; {@link io.sluice.micrometer.SluiceMeterBinder} binds one source to registries
 * and removes its meters again. Reading a meter takes a snapshot of its source (at most one a
 * millisecond per source, shared by that source's meters) and allocates nothing; nothing on a
 * claim or consume path changes.
 */
package io.sluice.micrometer;
