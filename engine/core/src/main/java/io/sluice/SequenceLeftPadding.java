package io.sluice;

// Padding by class hierarchy. Since JDK 15 the field layout packs fields by size and may move a
// subclass field into a gap left by its superclass, but never in front of superclass fields it
// does not fit between: so the value, declared in the middle class, lands after 120 bytes of left
// padding and before 120 bytes of right padding. 120 bytes on each side cover the 128-byte pairs
// of cache lines that adjacent-line prefetchers pull in together. SequenceLayoutTest measures the
// offsets on the running JVM.

abstract class SequenceLeftPadding {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}
