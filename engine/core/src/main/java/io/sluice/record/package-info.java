/**
 * Record rings: rings of fixed-size records laid out flat in one buffer, on or off the heap or
 * in a mapped file ({@link io.sluice.record.Records}), with every producer, policy, consumer
 * and pipeline of an object ring, and one-call offers of 8-byte records
 * ({@link io.sluice.record.RecordProducer}); and a record ring in a memory-mapped file between a
 * producer process and a consumer process ({@link io.sluice.record.MappedRecordRing}).
 */
package io.sluice.record;
