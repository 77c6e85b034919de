/** Phone number normalization against plain libphonenumber. */
@NullMarked
package io.tenanttwilio.benchmarks.phone;

import org.jspecify.annotations.NullMarked;
