/**
 * Contract tests every implementation of the SPI must pass, as Micrometer ships a compatibility
 * kit for registries: extend the abstract class of your store, give it an instance, and run it
 * with JUnit 5 (AssertJ must be on the test classpath). The in-memory, H2 and PostgreSQL stores of
 * tenant-twilio pass the same kits.
 */
@NullMarked
package io.tenanttwilio.test.contract;

import org.jspecify.annotations.NullMarked;
