/**
 * Canaries: deliberately broken variants of the engine's protocols, each paired with the same
 * specification as its real test. JCStress must fail every one of them; that it does shows the
 * suite can see the bugs it guards against. Never part of the CI pass. Run them with
 * {@code java -jar stress/target/jcstress.jar -m quick -t io.sluice.stress.canary}.
 */
package io.sluice.stress.canary;
