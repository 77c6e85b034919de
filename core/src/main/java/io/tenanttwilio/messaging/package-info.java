/**
 * Messaging: sending SMS and MMS with a tenant's own credentials, and the messages,
 * conversations and contacts a tenant reads.
 */
@NullMarked
package io.tenanttwilio.messaging;

import org.jspecify.annotations.NullMarked;
