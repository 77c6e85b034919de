/**
 * JMH benchmarks of tenant-twilio against the baselines a user would otherwise use.
 *
 * <p>Coming next: webhook signature verification, phone normalization, the inbound pipeline,
 * outbound sends and contact lookup, each measured beside its baseline in the same run.
 */
@NullMarked
package io.tenanttwilio.benchmarks;

import org.jspecify.annotations.NullMarked;
