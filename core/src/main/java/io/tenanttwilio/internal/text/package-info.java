/** Implementation details of tenant-twilio (text); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.text;

import org.jspecify.annotations.NullMarked;
