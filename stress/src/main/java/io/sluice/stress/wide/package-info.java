/**
 * Tests with three or more actors (two producers and a consumer, three producers). JCStress
 * cannot schedule them on 2 CPUs and skips them silently, so they are not in the CI pass; run
 * them on a machine with at least 4 CPUs:
 * {@code java -jar stress/target/jcstress.jar -t io.sluice.stress.wide}.
 */
package io.sluice.stress.wide;
