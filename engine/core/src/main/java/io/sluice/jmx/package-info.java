/**
 * JMX: a ring's or a pipeline's figures as the attributes of an MBean, registered only when asked
 * for ({@link io.sluice.jmx.SluiceMBeans}), visible in {@code jconsole} or any JMX client under the
 * {@code io.sluice} domain. The attributes walk the counter catalogue ({@code io.sluice.metrics}).
 */
package io.sluice.jmx;
