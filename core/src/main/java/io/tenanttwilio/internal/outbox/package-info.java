/** Implementation details of tenant-twilio (outbox); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.outbox;

import org.jspecify.annotations.NullMarked;
