/**
 * Ready {@link io.tenanttwilio.spi.TenantResolver}s beyond the fixed one: a thread-local holder for
 * jobs and request filters.
 */
@NullMarked
package io.tenanttwilio.resolver;

import org.jspecify.annotations.NullMarked;
