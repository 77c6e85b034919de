package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ContactDirectory}: extend it with your directory.
 *
 * <p>Not thread-safe: JUnit runs its tests one at a time, each on an instance of its own; some of
 * them race the implementation under test from several threads, which must therefore be
 * thread-safe.
 */
public abstract class ContactDirectoryContract {

    private static final PhoneNumber PATIENT = PhoneNumber.ofE164("+15815006712");

    /** {@return the directory under test; it may be shared by every test of the class} */
    protected abstract ContactDirectory directory();

    @Test
    void findsTheContactItCreated() {
        TenantId tenant = Contracts.freshTenant("clinic");

        Contact created = directory().findOrCreate(tenant, PATIENT);

        assertThat(created.phoneNumber()).isEqualTo(PATIENT);
        assertThat(created.tenantId()).isEqualTo(tenant);
        assertThat(directory().findOrCreate(tenant, PATIENT).id()).isEqualTo(created.id());
        assertThat(directory().find(tenant, PATIENT))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(created.id()));
        assertThat(directory().findById(tenant, created.id())).isPresent();
    }

    @Test
    void theSamePersonIsAnotherContactInAnotherTenant() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");

        Contact inA = directory().findOrCreate(a, PATIENT);

        assertThat(directory().find(b, PATIENT)).isEmpty();
        assertThat(directory().findById(b, inA.id())).isEmpty();
        assertThat(directory().findOrCreate(b, PATIENT).id()).isNotEqualTo(inA.id());
    }

    @Test
    void concurrentFirstMessagesMakeOneContact() throws Exception {
        TenantId tenant = Contracts.freshTenant("race");

        List<Contact> contacts = Contracts.race(8, () -> directory().findOrCreate(tenant, PATIENT));

        assertThat(contacts)
                .extracting(Contact::id)
                .containsOnly(contacts.get(0).id());
    }
}
