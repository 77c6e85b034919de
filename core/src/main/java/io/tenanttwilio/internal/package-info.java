/** Implementation details of tenant-twilio; not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal;

import org.jspecify.annotations.NullMarked;
