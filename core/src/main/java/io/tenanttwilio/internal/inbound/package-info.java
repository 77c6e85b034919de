/** Implementation details of tenant-twilio (inbound); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.inbound;

import org.jspecify.annotations.NullMarked;
