/** Implementation details of tenant-twilio (support); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.support;

import org.jspecify.annotations.NullMarked;
