/**
 * In-memory implementations of the SPI, for tests, demos and single-instance applications that
 * may lose their data at restart. Use the JDBC stores in production.
 */
@NullMarked
package io.tenanttwilio.store.memory;

import org.jspecify.annotations.NullMarked;
