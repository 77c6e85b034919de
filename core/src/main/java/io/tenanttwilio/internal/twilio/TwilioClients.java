package io.tenanttwilio.internal.twilio;

import com.twilio.http.TwilioRestClient;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.spi.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One twilio-java client per tenant, cached (bounded, least recently used first out), all on the
 * one shared HTTP client. An entry is trusted for a while, then the credentials are read again;
 * saving or removing a tenant's credentials through the SDK drops its entry at once. Thread-safe.
 */
public final class TwilioClients {

    private record Entry(TwilioCredentials credentials, TwilioRestClient client, Instant loadedAt) {}

    private final SdkHttpClient http;
    private final CredentialStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Map<TenantId, Entry> entries;

    public TwilioClients(SdkHttpClient http, CredentialStore store, Clock clock, int maxSize, Duration ttl) {
        this.http = http;
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<TenantId, Entry> eldest) {
                return size() > maxSize;
            }
        };
    }

    /** The tenant's client. */
    public TwilioRestClient forTenant(TenantId tenant) {
        return entry(tenant).client();
    }

    /** The tenant's stored credentials (through the cache). */
    public TwilioCredentials credentials(TenantId tenant) {
        return entry(tenant).credentials();
    }

    private Entry entry(TenantId tenant) {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(tenant);
            if (entry != null && entry.loadedAt().plus(ttl).isAfter(now)) {
                return entry;
            }
        }
        TwilioCredentials credentials;
        try {
            credentials = store.find(tenant)
                    .orElseThrow(() -> Problems.builder(ErrorCode.UNKNOWN_TENANT)
                            .tenant(tenant)
                            .build());
        } catch (TenantTwilioException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Problems.builder(ErrorCode.STORAGE_UNAVAILABLE)
                    .tenant(tenant)
                    .cause(e)
                    .build();
        }
        synchronized (entries) {
            Entry current = entries.get(tenant);
            if (current != null && current.credentials().equals(credentials)) {
                Entry refreshed = new Entry(credentials, current.client(), now);
                entries.put(tenant, refreshed);
                return refreshed;
            }
            Entry created = new Entry(credentials, SdkRestClient.create(credentials, http), now);
            entries.put(tenant, created);
            return created;
        }
    }

    /** A client for credentials that are not stored (yet); not cached. */
    public TwilioRestClient forCredentials(TwilioCredentials credentials) {
        return SdkRestClient.create(credentials, http);
    }

    /** Whether the tenant's cached entry was read before {@code instant} (or there is none). */
    public boolean loadedBefore(TenantId tenant, Instant instant) {
        synchronized (entries) {
            Entry entry = entries.get(tenant);
            return entry == null || entry.loadedAt().isBefore(instant);
        }
    }

    /** Drops the tenant's entry; the next call reads its credentials again. */
    public void invalidate(TenantId tenant) {
        synchronized (entries) {
            entries.remove(tenant);
        }
    }

    /** How many tenants have a cached client. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
