/**
 * A clinic platform built on tenant-twilio: two clinics (tenants) with their staff connect their
 * Twilio accounts, buy numbers, and answer patients' text messages, with usage, alerts and the audit
 * trail — in simulator mode by default, against Twilio by configuration.
 */
@NullMarked
package io.tenanttwilio.example.clinic;

import org.jspecify.annotations.NullMarked;
