/** JUnit 5 support: an extension that runs a Twilio simulator for a test class. */
@NullMarked
package io.tenanttwilio.test.junit;

import org.jspecify.annotations.NullMarked;
