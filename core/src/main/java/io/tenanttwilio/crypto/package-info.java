/**
 * Encryption of secrets at rest: AES-256-GCM with a key ring, so that keys can be rotated without
 * re-encrypting at once.
 */
@NullMarked
package io.tenanttwilio.crypto;

import org.jspecify.annotations.NullMarked;
