package io.sluice.jmx;

import io.sluice.ProducerClass;
import io.sluice.RingBuffer;
import io.sluice.consumer.ConsumerSnapshot;
import io.sluice.metrics.ClassFigure;
import io.sluice.metrics.ConsumerFigure;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.metrics.RingSnapshot;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Registers a ring's or a pipeline's figures as a JMX MBean, for {@code jconsole}, VisualVM or any
 * JMX-reading agent. Nothing is registered unless asked for here; {@link Registration#close()}
 * unregisters. Each attribute is one figure of the counter catalogue, named by its key, a
 * {@code long} read from a snapshot taken when a client asks:
 * <ul>
 *   <li>{@code io.sluice:type=Ring,name=<ring>}: every {@link RingFigure} and every
 *       {@link ProducerCounter} summed over the ring's producers, by key ({@code remaining},
 *       {@code drops}); for each producer class, every {@link ClassFigure} and
 *       {@link ProducerCounter} as {@code <class>.<key>};</li>
 *   <li>{@code io.sluice:type=Pipeline,ring=<ring>}: every {@link ConsumerFigure} of each stage as
 *       {@code <stage>.<key>} ({@code journal.lag}).</li>
 * </ul>
 * A name with characters JMX reserves ({@code , = : " * ?}) is quoted. A figure added to the
 * catalogue becomes an attribute with no change here.
 *
 * <p>Thread-safe. Reading an attribute never blocks a producer or consumer: it takes the
 * snapshot the ring's or stage's {@code snapshot(...)} method takes.
 */
public final class SluiceMBeans {
    /** The JMX domain of every Sluice MBean. */
    public static final String DOMAIN = "io.sluice";

    private SluiceMBeans() {
    }

    /**
     * Registers {@code ring}'s MBean with the platform MBean server.
     *
     * @param ring the ring
     * @return the registration; close it to unregister
     * @throws IllegalStateException if an MBean of that name is registered already (two rings of one name)
     */
    public static Registration register(RingBuffer<?> ring) {
        return register(ring, ManagementFactory.getPlatformMBeanServer());
    }

    /**
     * Registers {@code ring}'s MBean with {@code server}.
     *
     * @param ring the ring
     * @param server the MBean server
     * @return the registration; close it to unregister
     * @throws IllegalStateException if an MBean of that name is registered already (two rings of one name)
     */
    public static Registration register(RingBuffer<?> ring, MBeanServer server) {
        Objects.requireNonNull(ring, "ring");
        RingSnapshot snapshot = new RingSnapshot();
        List<ProducerClass> classes = ring.producerClasses();
        ProducerClassSnapshot[] classSnapshots = new ProducerClassSnapshot[classes.size()];
        List<FigureMBean.Reading> readings = new ArrayList<>();
        for (RingFigure figure : RingFigure.ALL) {
            readings.add(new FigureMBean.Reading(figure.key(), figure, () -> snapshot.get(figure)));
        }
        for (ProducerCounter counter : ProducerCounter.ALL) {
            readings.add(new FigureMBean.Reading(counter.key(), counter, () -> snapshot.get(counter)));
        }
        for (int c = 0; c < classSnapshots.length; c++) {
            ProducerClassSnapshot classSnapshot = classSnapshots[c] = new ProducerClassSnapshot();
            String prefix = classes.get(c).name() + ".";
            for (ClassFigure figure : ClassFigure.ALL) {
                readings.add(new FigureMBean.Reading(prefix + figure.key(), figure, () -> classSnapshot.get(figure)));
            }
            for (ProducerCounter counter : ProducerCounter.ALL) {
                readings.add(new FigureMBean.Reading(prefix + counter.key(), counter, () -> classSnapshot.get(counter)));
            }
        }
        FigureMBean bean = new FigureMBean(RingBuffer.class.getName(), "ring " + ring.name(), () -> {
            ring.snapshot(snapshot);
            for (int c = 0; c < classSnapshots.length; c++) {
                ring.snapshot(classes.get(c), classSnapshots[c]);
            }
        }, readings);
        return Registration.of(server, name("type=Ring,name=" + quoted(ring.name())), bean);
    }

    /**
     * Registers {@code pipeline}'s MBean, with the stages it has now, with the platform MBean server.
     *
     * @param pipeline the pipeline
     * @return the registration; close it to unregister
     * @throws IllegalStateException if an MBean of that name is registered already (two pipelines on one ring)
     */
    public static Registration register(Pipeline<?> pipeline) {
        return register(pipeline, ManagementFactory.getPlatformMBeanServer());
    }

    /**
     * Registers {@code pipeline}'s MBean, with the stages it has now, with {@code server}.
     *
     * @param pipeline the pipeline
     * @param server the MBean server
     * @return the registration; close it to unregister
     * @throws IllegalStateException if an MBean of that name is registered already (two pipelines on one ring)
     */
    public static Registration register(Pipeline<?> pipeline, MBeanServer server) {
        Objects.requireNonNull(pipeline, "pipeline");
        List<? extends Stage<?>> stages = List.copyOf(pipeline.stages());
        ConsumerSnapshot[] snapshots = new ConsumerSnapshot[stages.size()];
        List<FigureMBean.Reading> readings = new ArrayList<>();
        for (int s = 0; s < snapshots.length; s++) {
            ConsumerSnapshot snapshot = snapshots[s] = new ConsumerSnapshot();
            for (ConsumerFigure figure : ConsumerFigure.ALL) {
                readings.add(new FigureMBean.Reading(stages.get(s).name() + "." + figure.key(), figure,
                        () -> snapshot.get(figure)));
            }
        }
        String ring = pipeline.ring().name();
        FigureMBean bean = new FigureMBean(Pipeline.class.getName(), "pipeline on ring " + ring, () -> {
            for (int s = 0; s < snapshots.length; s++) {
                stages.get(s).snapshot(snapshots[s]);
            }
        }, readings);
        return Registration.of(server, name("type=Pipeline,ring=" + quoted(ring)), bean);
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a JMX name: " + DOMAIN + ":" + properties, e);
        }
    }

    /** {@return {@code value} as an ObjectName value: quoted if it holds a character JMX reserves} */
    static String quoted(String value) {
        for (char c : value.toCharArray()) {
            if (",=:\"*?\n\\".indexOf(c) >= 0) {
                return ObjectName.quote(value);
            }
        }
        return value;
    }

    /** An MBean registered by {@link SluiceMBeans}; closing it unregisters the MBean. Thread-safe; idempotent. */
    public static final class Registration implements AutoCloseable {
        private final MBeanServer server;
        private final ObjectName name;
        private boolean closed;

        private Registration(MBeanServer server, ObjectName name) {
            this.server = server;
            this.name = name;
        }

        static Registration of(MBeanServer server, ObjectName name, FigureMBean bean) {
            Objects.requireNonNull(server, "server");
            try {
                server.registerMBean(bean, name);
            } catch (InstanceAlreadyExistsException e) {
                throw new IllegalStateException("an MBean named " + name + " is registered already", e);
            } catch (JMException e) {
                throw new IllegalStateException("could not register " + name, e);
            }
            return new Registration(server, name);
        }

        /** {@return the MBean's name} */
        public ObjectName name() {
            return name;
        }

        /** Unregisters the MBean; does nothing if it is already gone. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                server.unregisterMBean(name);
            } catch (javax.management.InstanceNotFoundException e) {
                // unregistered by someone else: nothing left to do
            } catch (JMException e) {
                throw new IllegalStateException("could not unregister " + name, e);
            }
        }
    }
}
