/**
 * Leak canaries: the secrets and message bodies tests hand to the product, recorded so that the
 * build's whole test output can be scanned for them, and for unmasked phone numbers.
 */
@NullMarked
package io.tenanttwilio.test.leaks;

import org.jspecify.annotations.NullMarked;
