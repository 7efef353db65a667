package io.sluice.jmx;

import io.sluice.metrics.Figure;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanConstructorInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A read-only MBean whose attributes are catalogue figures: each attribute is a {@code long} read
 * from a snapshot taken when the attribute is asked for ({@link #getAttributes} takes one snapshot
 * for all it returns). Thread-safe: reads hold this object's lock while they snapshot.
 */
final class FigureMBean implements DynamicMBean {
    /** One attribute: its name, its figure (for the description) and where its value comes from. */
    record Reading(String name, Figure figure, LongSupplier value) {
    }

    private final String description;
    private final Runnable snapshot;
    private final Map<String, Reading> readings = new LinkedHashMap<>();
    private final MBeanInfo info;

    /**
     * @param className the class JMX clients show for the MBean
     * @param description what the MBean describes
     * @param snapshot refreshes the snapshot the readings read
     * @param readings the attributes, in order
     */
    FigureMBean(String className, String description, Runnable snapshot, List<Reading> readings) {
        this.description = description;
        this.snapshot = snapshot;
        MBeanAttributeInfo[] attributes = new MBeanAttributeInfo[readings.size()];
        for (int i = 0; i < attributes.length; i++) {
            Reading reading = readings.get(i);
            if (this.readings.put(reading.name(), reading) != null) {
                throw new IllegalArgumentException("two attributes named " + reading.name());
            }
            attributes[i] = new MBeanAttributeInfo(reading.name(), "long",
                    reading.figure().description() + " (" + reading.figure().unit().name().toLowerCase(java.util.Locale.ROOT) + ")",
                    true, false, false);
        }
        this.info = new MBeanInfo(className, description, attributes, new MBeanConstructorInfo[0],
                new MBeanOperationInfo[0], new MBeanNotificationInfo[0]);
    }

    @Override
    public synchronized Object getAttribute(String attribute) throws AttributeNotFoundException {
        Reading reading = readings.get(attribute);
        if (reading == null) {
            throw new AttributeNotFoundException("no attribute " + attribute + " in " + description);
        }
        snapshot.run();
        return reading.value().getAsLong();
    }

    @Override
    public synchronized AttributeList getAttributes(String[] attributes) {
        snapshot.run();
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            Reading reading = readings.get(name);
            if (reading != null) {
                list.add(new Attribute(name, reading.value().getAsLong()));
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("every attribute of " + description + " is read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException(description + " has no operations: " + actionName);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
