/** Implementation details of tenant-twilio (numbers); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.numbers;

import org.jspecify.annotations.NullMarked;
