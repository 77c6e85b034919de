/**
 * Guardrails around a tenant's traffic and money: policies (quotas, purchase limits), quota
 * status, usage and cost reports, alerts and their thresholds, and the scheduled jobs that watch
 * balances, number health and message status.
 */
@NullMarked
package io.tenanttwilio.guardrails;

import org.jspecify.annotations.NullMarked;
