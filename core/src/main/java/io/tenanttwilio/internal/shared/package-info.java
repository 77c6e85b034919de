/** Implementation details of tenant-twilio (shared by the capabilities); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.shared;

import org.jspecify.annotations.NullMarked;
