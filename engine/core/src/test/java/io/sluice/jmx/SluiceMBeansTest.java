package io.sluice.jmx;

import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.metrics.ClassFigure;
import io.sluice.metrics.ConsumerFigure;
import io.sluice.metrics.Figure;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ring's and a pipeline's MBeans, read as a JMX client reads them: through the platform MBean
 * server, by name and attribute. Only what a test registers is there; closing unregisters.
 */
class SluiceMBeansTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private final List<SluiceMBeans.Registration> registrations = new ArrayList<>();

    @AfterEach
    void unregister() {
        registrations.forEach(SluiceMBeans.Registration::close);
    }

    private SluiceMBeans.Registration registered(SluiceMBeans.Registration registration) {
        registrations.add(registration);
        return registration;
    }

    private static RingBuffer<LongEvent> ring(String name) {
        return RingBuffer.builder(LongEvent.FACTORY).name(name).capacity(8).producerType(ProducerType.MULTI)
                .producerClasses(ProducerClass.of("orders", 0.25)).build();
    }

    private static List<String> attributes(ObjectName name) throws Exception {
        return Arrays.stream(SERVER.getMBeanInfo(name).getAttributes()).map(MBeanAttributeInfo::getName)
                .collect(Collectors.toList());
    }

    private static List<String> keys(String prefix, List<? extends Figure> catalogue) {
        return catalogue.stream().map(f -> prefix + f.key()).collect(Collectors.toList());
    }

    @Test
    void nothingIsRegisteredUnlessAskedFor() throws Exception {
        ring("unasked");
        assertTrue(SERVER.queryNames(new ObjectName("io.sluice:type=Ring,name=unasked"), null).isEmpty());
    }

    @Test
    void aRingsMBeanHasAnAttributePerFigureOfTheCatalogue() throws Exception {
        ObjectName name = registered(SluiceMBeans.register(ring("catalogue"))).name();

        List<String> expected = new ArrayList<>(keys("", RingFigure.ALL));
        expected.addAll(keys("", ProducerCounter.ALL));
        expected.addAll(keys("orders.", ClassFigure.ALL));
        expected.addAll(keys("orders.", ProducerCounter.ALL));
        assertEquals(expected, attributes(name));
        assertEquals(new ObjectName("io.sluice:type=Ring,name=catalogue"), name);
    }

    @Test
    void aRingsAttributesReadWhatItCounted() throws Exception {
        RingBuffer<LongEvent> ring = ring("counted");
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> gateway = ring.newProducer("gateway", BackpressurePolicy.shed());
        ObjectName name = registered(SluiceMBeans.register(ring)).name();
        for (int i = 0; i < 10; i++) {
            long sequence = gateway.next();
            if (sequence >= 0) {
                gateway.publish(sequence);
            }
        }
        // A handle of no class on a ring of 8 that keeps 2 for the orders class: 6 claims, 4 drops.
        assertEquals(8L, SERVER.getAttribute(name, "capacity"));
        assertEquals(2L, SERVER.getAttribute(name, "remaining"));
        assertEquals(6L, SERVER.getAttribute(name, "claims"));
        assertEquals(4L, SERVER.getAttribute(name, "drops"));
        assertEquals(2L, SERVER.getAttribute(name, "orders.reserved"));
        assertEquals(0L, SERVER.getAttribute(name, "orders.claims"));
    }

    @Test
    void aPipelinesMBeanHasEachStagesFiguresAndReadsTheirProgress() throws Exception {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("staged").capacity(8).build();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> journal = b.handler("journal", (event, sequence, end) -> { });
        b.handler("match", (event, sequence, end) -> { }, journal);
        Pipeline<LongEvent> pipeline = b.build();
        ObjectName name = registered(SluiceMBeans.register(pipeline)).name();
        List<String> expected = new ArrayList<>(keys("journal.", ConsumerFigure.ALL));
        expected.addAll(keys("match.", ConsumerFigure.ALL));
        assertEquals(expected, attributes(name));

        pipeline.start();
        for (int i = 0; i < 20; i++) {
            ring.publish(ring.next());
        }
        Await.until(() -> processed(name, "match") == 20, "match to process 20 events");
        assertEquals(20L, SERVER.getAttribute(name, "journal.processed"));
        assertEquals(0L, SERVER.getAttribute(name, "match.lag"));
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(30)).drained());
    }

    private static long processed(ObjectName name, String stage) {
        try {
            return (Long) SERVER.getAttribute(name, stage + ".processed");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void closingTheRegistrationUnregisters() throws Exception {
        SluiceMBeans.Registration registration = SluiceMBeans.register(ring("closed"));
        assertTrue(SERVER.isRegistered(registration.name()));
        registration.close();
        registration.close();
        assertFalse(SERVER.isRegistered(registration.name()));
    }

    @Test
    void aSecondRingOfTheSameNameIsRefusedNamingIt() {
        registered(SluiceMBeans.register(ring("twice")));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SluiceMBeans.register(ring("twice")));
        assertTrue(refused.getMessage().contains("io.sluice:type=Ring,name=twice"), refused.getMessage());
    }

    @Test
    void aNameWithCharactersJmxReservesIsQuoted() throws Exception {
        ObjectName name = registered(SluiceMBeans.register(ring("orders,eu=1"))).name();
        assertEquals("orders,eu=1", ObjectName.unquote(name.getKeyProperty("name")));
        assertEquals(8L, SERVER.getAttribute(name, "capacity"));
    }

    @Test
    void attributesAreReadOnly() throws Exception {
        ObjectName name = registered(SluiceMBeans.register(ring("readonly"))).name();
        assertThrows(javax.management.AttributeNotFoundException.class,
                () -> SERVER.setAttribute(name, new javax.management.Attribute("capacity", 16L)));
        assertEquals(8L, SERVER.getAttribute(name, "capacity"));
    }
}
