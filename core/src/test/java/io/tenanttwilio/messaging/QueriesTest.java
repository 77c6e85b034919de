package io.tenanttwilio.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class QueriesTest {

    private static final PhoneNumber PATIENT = PhoneNumber.ofE164("+15815006712");

    private static TenantTwilioException refusal(ThrowingCallable call) {
        return catchThrowableOfType(TenantTwilioException.class, call);
    }

    @Test
    void aPageHasFiftyItemsUnlessAskedAndAtMostFiveHundred() {
        assertThat(ConversationQuery.open().limit())
                .isEqualTo(Page.DEFAULT_SIZE)
                .isEqualTo(50);
        assertThat(MessageQuery.inConversation("c").limit(500).limit()).isEqualTo(Page.MAX_SIZE);
        assertThat(ContactQuery.all().limit(1).limit()).isEqualTo(1);

        TenantTwilioException tooMany = refusal(() -> ConversationQuery.open().limit(501));
        assertThat(tooMany.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(tooMany.userMessage(Locale.ENGLISH)).contains("1 to 500 items; 501 were asked for");
        assertThat(tooMany.userMessage(Locale.FRENCH)).contains("de 1 à 500 éléments ; 501 ont été demandés");
        assertThat(refusal(() -> AuditQuery.newestFirst().limit(0)).errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal(() -> ContactQuery.all().limit(-5)).errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void theTextOfACursorFromAUrlStartsThePageAfterItAndNothingStartsTheFirst() {
        Cursor cursor = Cursor.of(Instant.parse("2026-11-23T14:05:06Z"), "0190f3a2-7b1c-7def-8abc-0123456789ab");

        assertThat(ConversationQuery.open().after(cursor.toString()).after()).contains(cursor);
        assertThat(MessageQuery.inConversation("c").after(" " + cursor + " ").after())
                .contains(cursor);
        assertThat(ContactQuery.all().after((String) null).after()).isEmpty();
        assertThat(AuditQuery.newestFirst().after("  ").after()).isEmpty();
        assertThat(refusal(() -> ConversationQuery.open().after("page-2")).errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void conversationsAreFilteredByStateUnreadNumberAndContact() {
        ConversationQuery query =
                ConversationQuery.all().unreadOnly().ourNumber(PATIENT).contact(PATIENT);

        assertThat(ConversationQuery.open().state()).contains(Conversation.State.OPEN);
        assertThat(ConversationQuery.archived().state()).contains(Conversation.State.ARCHIVED);
        assertThat(query.state()).isEmpty();
        assertThat(query.isUnreadOnly()).isTrue();
        assertThat(query.ourNumber()).contains(PATIENT);
        assertThat(query.contact()).contains(PATIENT);
        assertThat(query.toString()).doesNotContain("5006712").contains("+1581*****12");
        assertThat(query)
                .isEqualTo(ConversationQuery.all()
                        .contact(PATIENT)
                        .ourNumber(PATIENT)
                        .unreadOnly());
    }

    @Test
    void aTimeWindowEndsAfterItStarts() {
        Instant monday = Instant.parse("2026-11-23T05:00:00Z");

        assertThat(MessageQuery.between(monday, monday.plusSeconds(86_400)).from())
                .contains(monday);
        TenantTwilioException backwards = refusal(() -> MessageQuery.between(monday, monday));
        assertThat(backwards.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(backwards.userMessage(Locale.FRENCH)).contains("La fin de la période doit venir après son début.");
    }

    @Test
    void aNameIsSearchedWithoutItsCaseAccentsAndExtraSpaces() {
        assertThat(ContactQuery.nameKey("  Émilie   TREMBLAY-Côté ")).isEqualTo("emilie tremblay-cote");
        assertThat(ContactQuery.nameKey("İlker\tŒuvre")).isEqualTo("ilker œuvre");
        assertThat(ContactQuery.nameKey("ｍａｒｉｅ")).isEqualTo("marie");
        assertThat(ContactQuery.nameKey("x".repeat(300))).hasSize(ContactQuery.MAX_NAME_LENGTH);
        assertThat(ContactQuery.all().nameStartingWith("Émi").namePrefix()).contains("emi");
    }

    @Test
    void whatASearchBoxReceivedIsANumberWhenItIsDigitsAndANameOtherwise() {
        assertThat(ContactQuery.search("+1 (581) 500-67").numberPrefix()).contains("+158150067");
        assertThat(ContactQuery.search("581.500").numberPrefix()).contains("+581500");
        assertThat(ContactQuery.search("Marie 2").namePrefix()).contains("marie 2");
        assertThat(ContactQuery.search("Marie 2").numberPrefix()).isEmpty();
        assertThat(ContactQuery.search("   ")).isEqualTo(ContactQuery.all());
    }

    @Test
    void refusesDigitsAndNamesThatSearchNothing() {
        for (String digits : new String[] {"", "+", "1234567890123456", "12a", "--"}) {
            TenantTwilioException refused = refusal(() -> ContactQuery.all().numberStartingWith(digits));
            assertThat(refused.errorCode()).as(digits).isEqualTo(ErrorCode.INVALID_REQUEST);
        }
        for (String name : new String[] {"", "   ", "\u0301", "x".repeat(201)}) {
            assertThat(refusal(() -> ContactQuery.all().nameStartingWith(name)).errorCode())
                    .isEqualTo(ErrorCode.INVALID_REQUEST);
        }
        assertThat(refusal(() -> ContactQuery.all().numberStartingWith("5815006712345678"))
                        .getMessage())
                .doesNotContain("5815006712345678");
    }

    @Test
    void aContactQueryShowsNeitherTheNameNorTheDigitsSearched() {
        assertThat(ContactQuery.all().nameStartingWith("Tremblay").numberStartingWith("1581500"))
                .hasToString("ContactQuery[by name, some digits, limit=50]");
    }
}
