/** Implementation details of tenant-twilio (twilio); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.twilio;

import org.jspecify.annotations.NullMarked;
