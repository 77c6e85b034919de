/** Implementation details of tenant-twilio (messaging); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.messaging;

import org.jspecify.annotations.NullMarked;
