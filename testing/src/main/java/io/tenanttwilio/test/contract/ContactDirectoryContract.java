package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.ContactQuery;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

    // Listings ---------------------------------------------------------------------------------

    /** Every contact of the listing, page after page. */
    private List<Contact> every(TenantId tenant, ContactQuery query) {
        return Contracts.everyPage(cursor -> directory().contacts(tenant, query.after(cursor)));
    }

    private List<Contact> create(TenantId tenant, String... numbers) {
        List<Contact> created = new ArrayList<>();
        for (String number : numbers) {
            created.add(directory().findOrCreate(tenant, PhoneNumber.ofE164(number)));
        }
        return created;
    }

    private Contact named(TenantId tenant, String number, String name) {
        Contact contact = directory().findOrCreate(tenant, PhoneNumber.ofE164(number));
        return directory().rename(tenant, contact.id(), name).orElseThrow();
    }

    private static List<String> ids(List<Contact> contacts) {
        return contacts.stream().map(Contact::id).toList();
    }

    @Test
    void listsEveryContactOnceByNumberPageAfterPage() {
        TenantId tenant = Contracts.freshTenant("contacts");
        List<Contact> created = create(
                tenant,
                "+15815006717",
                "+14185550142",
                "+15815006712",
                "+33612345678",
                "+15815006713",
                "+14185550143",
                "+15145550100");
        create(Contracts.freshTenant("other"), "+15815006799");

        List<Contact> listed = every(tenant, ContactQuery.all().limit(3));

        assertThat(listed)
                .extracting(Contact::id)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(created));
        assertThat(listed).extracting(c -> c.phoneNumber().e164()).isSorted();
    }

    @Test
    void findsTheContactsWhoseNumberStartsWithTheDigitsSearched() {
        TenantId tenant = Contracts.freshTenant("digits");
        List<Contact> created =
                create(tenant, "+15815006712", "+15815006713", "+15819990000", "+14185550142", "+33612345678");
        create(Contracts.freshTenant("other"), "+15815006714");

        assertThat(every(
                        tenant,
                        ContactQuery.all().numberStartingWith("1 (581) 500").limit(1)))
                .extracting(Contact::id)
                .containsExactly(created.get(0).id(), created.get(1).id());
        assertThat(every(tenant, ContactQuery.search("+1 581")))
                .extracting(Contact::id)
                .containsExactly(
                        created.get(0).id(), created.get(1).id(), created.get(2).id());
        assertThat(every(tenant, ContactQuery.all().numberStartingWith("33")))
                .extracting(Contact::id)
                .containsExactly(created.get(4).id());
        assertThat(every(tenant, ContactQuery.all().numberStartingWith("999"))).isEmpty();
    }

    @Test
    void findsTheContactsWhoseNameStartsWithWhatWasTypedIgnoringCaseAndAccents() {
        TenantId tenant = Contracts.freshTenant("names");
        Contact emilie = named(tenant, "+15815006712", "Émilie Tremblay");
        Contact emile = named(tenant, "+15815006713", "emile  Roy");
        Contact marc = named(tenant, "+14185550142", "Marc Tremblay");
        directory().findOrCreate(tenant, PhoneNumber.ofE164("+14185550143")); // no name
        named(Contracts.freshTenant("other"), "+15815006714", "Émile Autre");

        assertThat(every(tenant, ContactQuery.all().nameStartingWith("EMIL").limit(1)))
                .extracting(Contact::id)
                .containsExactly(emile.id(), emilie.id());
        assertThat(every(tenant, ContactQuery.search("Émile R")))
                .extracting(Contact::id)
                .containsExactly(emile.id());
        assertThat(every(tenant, ContactQuery.search("marc")))
                .singleElement()
                .satisfies(c -> assertThat(c.displayName()).contains("Marc Tremblay"));
        assertThat(every(tenant, ContactQuery.all().nameStartingWith("tremblay")))
                .isEmpty();
        assertThat(marc.displayName()).contains("Marc Tremblay");
    }

    @Test
    void searchesANameAndDigitsTogether() {
        TenantId tenant = Contracts.freshTenant("both");
        Contact inQuebec = named(tenant, "+14185550142", "Marie Tremblay");
        named(tenant, "+15815006712", "Marie Gagnon");
        named(tenant, "+14185550143", "Luc Tremblay");

        assertThat(every(tenant, ContactQuery.all().nameStartingWith("marie").numberStartingWith("1418")))
                .extracting(Contact::id)
                .containsExactly(inQuebec.id());
    }

    @Test
    void pagesOfANameSearchCoverEveryMatchOnceEvenWhenTheNamesAreTheSame() {
        TenantId tenant = Contracts.freshTenant("homonyms");
        List<String> maries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            maries.add(named(tenant, "+1581500671" + i, "Marie Tremblay").id());
        }
        named(tenant, "+15815006719", "Mario Lemieux");

        assertThat(every(tenant, ContactQuery.all().nameStartingWith("Marie T").limit(2)))
                .extracting(Contact::id)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(maries);
        assertThat(every(tenant, ContactQuery.search("mari").limit(2))).hasSize(6);
    }

    @Test
    void renamesOnlyTheTenantsOwnContactAndANameRemovedIsNoLongerFound() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        Contact ofA = named(a, "+15815006712", "Émilie Tremblay");

        assertThat(directory().rename(b, ofA.id(), "Volée")).isEmpty();
        assertThat(directory().findById(a, ofA.id()).orElseThrow().displayName())
                .contains("Émilie Tremblay");
        assertThat(directory().find(a, PATIENT).orElseThrow().displayName()).contains("Émilie Tremblay");

        assertThat(directory().rename(a, ofA.id(), null).orElseThrow().displayName())
                .isEmpty();
        assertThat(every(a, ContactQuery.search("emilie"))).isEmpty();
        assertThat(every(a, ContactQuery.all())).extracting(Contact::id).containsExactly(ofA.id());
    }

    @Test
    void aCursorFromOneTenantsContactsShowsAnotherTenantNothingOfTheFirst() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        create(a, "+14185550142", "+14185550143", "+15815006712");
        named(a, "+15815006713", "Marie A");
        named(a, "+15815006714", "Marie B");
        List<Contact> ofB = create(b, "+15815006799", "+14185550199");
        Contact marieOfB = named(b, "+15815006798", "Marie C");
        Cursor byNumber = directory()
                .contacts(a, ContactQuery.all().limit(1))
                .nextCursor()
                .orElseThrow();
        Cursor byName = directory()
                .contacts(a, ContactQuery.search("marie").limit(1))
                .nextCursor()
                .orElseThrow();

        for (ContactQuery query : List.of(
                ContactQuery.all().after(byNumber),
                ContactQuery.all().after(byName),
                ContactQuery.search("marie").after(byName),
                ContactQuery.search("marie").after(byNumber))) {
            Contracts.pageOrInvalidRequest(() -> directory().contacts(b, query))
                    .ifPresent(page -> assertThat(page.items())
                            .extracting(Contact::id)
                            .isSubsetOf(ids(ofB).get(0), ids(ofB).get(1), marieOfB.id()));
        }
    }

    @Test
    void aForgedCursorShowsOnlyTheTenantsOwnContactsOrIsRefusedAsAnInvalidRequest() {
        TenantId tenant = Contracts.freshTenant("forged");
        create(tenant, "+15815006712");
        for (Cursor cursor : List.of(
                Cursor.of(UUID.randomUUID().toString()), Cursor.of("not-an-id"), Cursor.of(Contracts.now(), "x"))) {
            for (ContactQuery query : List.of(ContactQuery.all(), ContactQuery.search("Marie"))) {
                Contracts.pageOrInvalidRequest(() -> directory().contacts(tenant, query.after(cursor)))
                        .ifPresent(page -> assertThat(page.items())
                                .allSatisfy(c -> assertThat(c.tenantId()).isEqualTo(tenant)));
            }
        }
    }
}
