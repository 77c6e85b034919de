/** Implementation details of tenant-twilio (guardrails); not API, may change in any release. */
@NullMarked
package io.tenanttwilio.internal.guardrails;

import org.jspecify.annotations.NullMarked;
