package io.sluice.queue;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;

import junit.framework.TestCase;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import junit.framework.TestSuite;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.Collections;
import java.util.Queue;
import java.util.stream.Stream;

/**
 * Guava's collection conformance suite for {@link java.util.Queue} (the one Guava runs on
 * {@code ArrayBlockingQueue}, with the same features: general purpose, known order, any size),
 * on every variant of the queue, on a power-of-two capacity and on one that is not. Its JUnit 3
 * test cases run here as dynamic tests, one per case.
 */
class QueueConformanceTest {
    @TestFactory
    Stream<DynamicNode> guavaQueueSuite() {
        return Stream.of(QueueVariant.values()).flatMap(variant -> Stream.of(128, 100)
                .map(capacity -> dynamic(suite(variant, capacity))));
    }

    private static junit.framework.Test suite(QueueVariant variant, int capacity) {
        return QueueTestSuiteBuilder.using(new TestStringQueueGenerator() {
                    @Override
                    protected Queue<String> create(String[] elements) {
                        RingBlockingQueue<String> queue = variant.create(capacity);
                        queue.addAll(Arrays.asList(elements));
                        return queue;
                    }
                })
                .named("RingBlockingQueue " + variant + " capacity " + capacity)
                .withFeatures(CollectionFeature.GENERAL_PURPOSE, CollectionFeature.KNOWN_ORDER, CollectionSize.ANY)
                .createTestSuite();
    }

    private static DynamicNode dynamic(junit.framework.Test test) {
        if (test instanceof TestSuite) {
            TestSuite suite = (TestSuite) test;
            return DynamicContainer.dynamicContainer(suite.getName(),
                    Collections.list(suite.tests()).stream().map(QueueConformanceTest::dynamic));
        }
        TestCase testCase = (TestCase) test;
        return DynamicTest.dynamicTest(testCase.getName(), () -> {
            TestResult result = new TestResult();
            testCase.run(result);
            for (TestFailure failure : Collections.list(result.errors())) {
                throw new AssertionError(failure.toString(), failure.thrownException());
            }
            for (TestFailure failure : Collections.list(result.failures())) {
                throw new AssertionError(failure.toString(), failure.thrownException());
            }
        });
    }
}
