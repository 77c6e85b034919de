/**
 * Phone numbers: the E.164 value type and the normalizer that reads what a person typed in a
 * tenant's region ({@code (581) 500-6712}, {@code 011 33 1 42 68 53 00}) and says why when it is
 * not a number.
 */
@NullMarked
package io.tenanttwilio.phone;

import org.jspecify.annotations.NullMarked;
