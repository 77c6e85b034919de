/**
 * Number provisioning: searching numbers for sale, buying one with its webhook configured and
 * verified (a purchase saga that never buys twice), checking and repairing a number's setup,
 * releasing it, and the records and lifecycle events of a tenant's numbers.
 */
@NullMarked
package io.tenanttwilio.numbers;

import org.jspecify.annotations.NullMarked;
