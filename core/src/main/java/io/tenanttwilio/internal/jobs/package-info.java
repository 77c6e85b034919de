/** Implementation details of tenant-twilio (scheduled jobs); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.jobs;

import org.jspecify.annotations.NullMarked;
