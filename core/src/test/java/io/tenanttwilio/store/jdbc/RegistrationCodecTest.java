package io.tenanttwilio.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.CampaignDetails;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.Registration.Mark;
import io.tenanttwilio.registration.Registration.Resource;
import io.tenanttwilio.registration.RejectionReason;
import io.tenanttwilio.registration.TollFreeRequest;
import io.tenanttwilio.registration.TollFreeVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RegistrationCodecTest {

    private static final TenantId TENANT = TenantId.of("clinique-érable");
    private static final Instant CREATED = Instant.parse("2026-11-02T14:15:16.123456Z");
    private static final Instant UPDATED = Instant.parse("2026-11-03T09:00:00.000001Z");

    /** Texts that an encoding must not trip over: quotes, separators, newlines, Unicode. */
    private static final String AWKWARD = "« L'Érable » \"quoted\"; a=3:b; v1;\nsecond line\ttab 😀 中文";

    private static BusinessProfile publicCompany() {
        return BusinessProfile.builder()
                .legalName("Clinique de l'Érable \"Santé\" inc.; v2;")
                .businessType(BusinessProfile.BusinessType.LIMITED_LIABILITY_CORPORATION)
                .industry(BusinessProfile.Industry.PROFESSIONAL_SERVICES)
                .registrationAuthority(BusinessProfile.RegistrationAuthority.CBN)
                .registrationNumber("123456789RC0001")
                .website("https://www.clinique-erable.example/fr/accueil?x=1;y=2")
                .street("1200, boul. René-Lévesque\nbureau 4")
                .city("Montréal")
                .region("QC")
                .postalCode("H3B 4W8")
                .country("CA")
                .contactFirstName("Zoé")
                .contactLastName("O'Brien-Tremblay")
                .contactEmail("zoe.obrien@clinique-erable.example")
                .contactPhone("+15145550100")
                .contactTitle("Directrice générale")
                .contactPosition(BusinessProfile.JobPosition.CEO)
                .companyType(BusinessProfile.CompanyType.PUBLIC)
                .stockExchange("TSX")
                .stockTicker("ERBL")
                .build();
    }

    private static BusinessProfile privateCompany() {
        return BusinessProfile.builder()
                .legalName("Clinique Santé Plus Inc.")
                .businessType(BusinessProfile.BusinessType.CORPORATION)
                .industry(BusinessProfile.Industry.HEALTHCARE)
                .registrationAuthority(BusinessProfile.RegistrationAuthority.EIN)
                .registrationNumber("12-3456789")
                .website("cliniquesante.example")
                .street("100 Main Street")
                .city("New York")
                .region("NY")
                .postalCode("10001")
                .country("US")
                .contactFirstName("Marie")
                .contactLastName("Tremblay")
                .contactEmail("marie@clinique-a.example")
                .contactPhone("+12125550100")
                .contactTitle("Directrice")
                .build();
    }

    private static CampaignDetails campaign(boolean flags) {
        return CampaignDetails.builder()
                .useCase(CampaignDetails.UseCase.MIXED)
                .description("Rappels de rendez-vous; réponses aux \"questions\" des patients.\n" + AWKWARD)
                .messageFlow("Patients give their number at the front desk; they agree aloud = 5:yes;\nand on a form.")
                .sample("Clinique: votre rendez-vous est demain à 10 h; répondez ARRÊT pour ne plus recevoir.")
                .sample("Clinic: reply STOP to opt out. \"Quotes\" and a second\nline 😀 are kept as they are.")
                .sample("Third sample, v1;x=2:ab; which looks like an encoded entry. Reply STOP to opt out.")
                .hasEmbeddedLinks(flags)
                .hasEmbeddedPhone(flags)
                .build();
    }

    private static Registration everyField() {
        Registration.Builder b = Registration.builder()
                .id("0192f1e2-7c3a-7b4d-8e5f-a1b2c3d4e5f6")
                .tenantId(TENANT)
                .accountSid("AC0123456789abcdef0123456789abcdef")
                .state(Registration.State.REJECTED)
                .profile(publicCompany())
                .campaign(campaign(true))
                .profileStatus("twilio-approved")
                .trustProductStatus("in-review")
                .brandStatus("FAILED")
                .campaignStatus("IN_PROGRESS")
                .reasons(List.of(
                        RejectionReason.of(30794, "Tax id mismatch: \"12-3456789\";\nsee the brand's feedback."),
                        RejectionReason.of(null, AWKWARD),
                        RejectionReason.of(0, "")))
                .problem(ErrorCode.TWILIO_UNAVAILABLE)
                .checks(7)
                .nextCheckAt(Instant.parse("2026-11-04T00:00:00.5Z"))
                .leaseUntil(Instant.parse("2026-11-03T09:05:00Z"))
                .version(42)
                .createdAt(CREATED)
                .updatedAt(UPDATED);
        int i = 0;
        for (Resource resource : Resource.values()) {
            b.sid(resource, String.format("XX%032d", i++));
        }
        for (Mark mark : Mark.values()) {
            b.mark(mark, true);
        }
        return b.build();
    }

    private static Registration fewestFields() {
        return Registration.builder()
                .id("00000000-0000-4000-8000-000000000001")
                .tenantId(TenantId.of("t"))
                .accountSid("AC00000000000000000000000000000000")
                .state(Registration.State.SUBMITTING)
                .profile(privateCompany())
                .campaign(campaign(false))
                .createdAt(CREATED)
                .updatedAt(CREATED)
                .build();
    }

    @Test
    void aRegistrationWithEveryFieldSetComesBackWholeFromItsRow() {
        Registration original = everyField();

        Map<String, @Nullable Object> row = RegistrationCodec.row(original, original.version());
        Registration read = RegistrationCodec.registration(row);

        assertSameRegistration(read, original);
        assertThat(read.marks()).containsExactlyInAnyOrder(Mark.values());
        assertThat(read.sids()).hasSize(Resource.values().length);
        assertThat(read.reasons().get(1).code()).isEmpty();
        assertThat(read.profile().stockTicker()).hasValue("ERBL");
    }

    @Test
    void aRegistrationWithNothingOptionalKeepsItsNullsAndEmptyLists() {
        Registration original = fewestFields();

        Registration read = RegistrationCodec.registration(RegistrationCodec.row(original, 0));

        assertSameRegistration(read, original);
        assertThat(read.sids()).isEmpty();
        assertThat(read.marks()).isEmpty();
        assertThat(read.reasons()).isEmpty();
        assertThat(read.problem()).isEmpty();
        assertThat(read.nextCheckAt()).isEmpty();
        assertThat(read.leaseUntil()).isEmpty();
        assertThat(read.profileStatus()).isEmpty();
        assertThat(read.campaignStatus()).isEmpty();
        assertThat(read.profile().stockExchange()).isEmpty();
        assertThat(read.campaign().hasEmbeddedLinks()).isFalse();
    }

    @Test
    void theQueriedValuesHaveColumnsOfTheirOwnAndTheRestIsInTheDetails() {
        Registration original = everyField();

        Map<String, @Nullable Object> row = RegistrationCodec.row(original, 43);

        assertThat(row.keySet())
                .containsExactlyElementsOf(RegistrationCodec.REGISTRATION_COLUMNS.stream()
                        .map(RegistrationCodec.Column::name)
                        .toList());
        assertThat(row)
                .containsEntry("tenant_id", "clinique-érable")
                .containsEntry("state", "REJECTED")
                .containsEntry("version", 43L)
                .containsEntry("checks", 7)
                .containsEntry("next_check_at", Instant.parse("2026-11-04T00:00:00.5Z"))
                .containsEntry("brand_status", "FAILED")
                .containsEntry("problem", "TWILIO_UNAVAILABLE")
                .containsEntry("brand_sid", original.sid(Resource.BRAND).orElseThrow())
                .containsEntry("campaign_sid", original.sid(Resource.CAMPAIGN).orElseThrow());
        String details = (String) row.get("details");
        assertThat(details).startsWith("v1;").contains("Montréal");
        assertThat(details)
                .as("a SID with a column of its own is not repeated in the details")
                .doesNotContain(original.sid(Resource.BRAND).orElseThrow())
                .contains(original.sid(Resource.ADDRESS).orElseThrow());
        assertThat(RegistrationCodec.registration(row).version()).isEqualTo(43);
    }

    @Test
    void aTollFreeVerificationWithEveryFieldSetComesBackWhole() {
        TollFreeVerification original = tollFree(true);

        Map<String, @Nullable Object> row = RegistrationCodec.row(original, original.version());
        TollFreeVerification read = RegistrationCodec.tollFree(row);

        assertSameTollFree(read, original);
        assertThat(row).containsEntry("phone_e164", "+18005550199").containsEntry("edit_allowed", true);
        assertThat(read.request().useCaseCategories()).hasSize(3);
        assertThat(read.request().optInImageUrls()).hasSize(2);
        assertThat(read.request().actor()).hasValue(Actor.of("marie@clinique-a.example"));
        assertThat(read.request().additionalInformation()).hasValue(AWKWARD.strip());
    }

    @Test
    void aTollFreeVerificationWithNothingOptionalKeepsItsNulls() {
        TollFreeVerification original = tollFree(false);

        TollFreeVerification read = RegistrationCodec.tollFree(RegistrationCodec.row(original, 0));

        assertSameTollFree(read, original);
        assertThat(read.numberSid()).isEmpty();
        assertThat(read.verificationSid()).isEmpty();
        assertThat(read.editExpiration()).isEmpty();
        assertThat(read.reasons()).isEmpty();
        assertThat(read.request().actor()).isEmpty();
        assertThat(read.request().additionalInformation()).isEmpty();
    }

    @Test
    void detailsOfALaterVersionOrMalformedAreRefusedWithoutQuotingThem() {
        Map<String, @Nullable Object> row = RegistrationCodec.row(everyField(), 1);
        String details = (String) row.get("details");

        for (String stored : List.of(
                "v2;" + details.substring(3),
                details.substring(0, details.length() - 5),
                details.replaceFirst("legalName=\\d+:", "legalName=999:"),
                "no version",
                "")) {
            Map<String, @Nullable Object> broken = new HashMap<>(row);
            broken.put("details", stored);

            DetailsText.UnreadableDetailsException e = catchThrowableOfType(
                    () -> RegistrationCodec.registration(broken), DetailsText.UnreadableDetailsException.class);

            assertThat(e).as(stored).isNotNull();
            assertThat(e.getMessage())
                    .contains("registration details")
                    .doesNotContain("Érable")
                    .doesNotContain("Montréal")
                    .doesNotContain("STOP");
        }
    }

    @Test
    void detailsThatTheChecksNowRefuseNameTheFieldsNotTheirValues() {
        Map<String, @Nullable Object> row = new HashMap<>(RegistrationCodec.row(fewestFields(), 0));
        String details = (String) row.get("details");
        row.put("details", details.replace("country=2:US;", "country=2:ZZ;"));

        DetailsText.UnreadableDetailsException e = catchThrowableOfType(
                () -> RegistrationCodec.registration(row), DetailsText.UnreadableDetailsException.class);

        assertThat(e.getMessage()).contains("country").doesNotContain("ZZ").doesNotContain("Tremblay");
    }

    @Test
    void namesAReaderDoesNotKnowAreSkipped() {
        Map<String, @Nullable Object> row = new HashMap<>(RegistrationCodec.row(fewestFields(), 0));
        row.put("details", row.get("details") + "later.field=4:abcd;");

        assertSameRegistration(RegistrationCodec.registration(row), fewestFields());
    }

    @Test
    void theTextEncodingKeepsEveryCharacterAndRepeatedNamesInOrder() {
        List<String> values = new ArrayList<>(List.of(AWKWARD, "", ";", "=", "0:", "x".repeat(5000)));
        DetailsText.Writer writer = DetailsText.Writer.versioned(1).putAll("item", values);
        writer.put("nested", DetailsText.Writer.nested().put("inner", AWKWARD));

        DetailsText.Reader reader = DetailsText.Reader.versioned("test details", writer.toString(), 1);

        assertThat(reader.all("item")).containsExactlyElementsOf(values);
        assertThat(reader.nested("nested").required("inner")).isEqualTo(AWKWARD);
        assertThat(reader.optional("absent")).isNull();
    }

    // ---------------------------------------------------------------------------------------------

    private static TollFreeVerification tollFree(boolean everything) {
        TollFreeRequest.Builder request = TollFreeRequest.builder()
                .tenant(TENANT)
                .number(PhoneNumber.ofE164("+18005550199"))
                .business(everything ? publicCompany() : privateCompany())
                .useCaseCategories(TollFreeRequest.UseCaseCategory.ACCOUNT_NOTIFICATIONS)
                .useCaseSummary("Rappels de rendez-vous \"importants\";\nréponses aux patients.")
                .productionMessageSample("Clinique: rendez-vous demain à 10 h. Répondez ARRÊT pour ne plus recevoir.")
                .optInType(TollFreeRequest.OptInType.PAPER_FORM)
                .optInImageUrl("https://clinique-erable.example/consentement.png")
                .messageVolume("1,000");
        TollFreeVerification.Builder b = TollFreeVerification.builder()
                .id("0192f1e2-7c3a-7b4d-8e5f-a1b2c3d4e5f7")
                .tenantId(TENANT)
                .phoneNumber(PhoneNumber.ofE164("+18005550199"))
                .accountSid("AC0123456789abcdef0123456789abcdef")
                .status(TollFreeVerification.Status.PENDING_REVIEW)
                .createdAt(CREATED)
                .updatedAt(UPDATED);
        if (everything) {
            request.useCaseCategories(
                            TollFreeRequest.UseCaseCategory.CUSTOMER_CARE,
                            TollFreeRequest.UseCaseCategory.TWO_FACTOR_AUTHENTICATION)
                    .optInImageUrl("https://clinique-erable.example/formulaire?lang=fr&v=2")
                    .additionalInformation(AWKWARD)
                    .actor(Actor.of("marie@clinique-a.example"));
            b.numberSid("PN0123456789abcdef0123456789abcdef")
                    .verificationSid("HH0123456789abcdef0123456789abcdef")
                    .status(TollFreeVerification.Status.TWILIO_REJECTED)
                    .editAllowed(true)
                    .editExpiration(Instant.parse("2026-11-10T12:00:00Z"))
                    .reasons(List.of(RejectionReason.of(30509, AWKWARD), RejectionReason.of(null, "Other")))
                    .problem(ErrorCode.STORAGE_UNAVAILABLE)
                    .checks(3)
                    .nextCheckAt(Instant.parse("2026-11-05T00:00:00Z"))
                    .version(9);
        }
        return b.request(request.build()).build();
    }

    private static void assertSameRegistration(Registration read, Registration expected) {
        assertThat(read.id()).isEqualTo(expected.id());
        assertThat(read.tenantId()).isEqualTo(expected.tenantId());
        assertThat(read.accountSid()).isEqualTo(expected.accountSid());
        assertThat(read.state()).isEqualTo(expected.state());
        assertThat(read.profile()).isEqualTo(expected.profile());
        assertThat(read.profile().toBuilder().build()).isEqualTo(expected.profile());
        assertThat(read.campaign()).isEqualTo(expected.campaign());
        assertThat(read.sids()).isEqualTo(expected.sids());
        assertThat(read.marks()).isEqualTo(expected.marks());
        assertThat(read.profileStatus()).isEqualTo(expected.profileStatus());
        assertThat(read.trustProductStatus()).isEqualTo(expected.trustProductStatus());
        assertThat(read.brandStatus()).isEqualTo(expected.brandStatus());
        assertThat(read.campaignStatus()).isEqualTo(expected.campaignStatus());
        assertThat(read.reasons()).containsExactlyElementsOf(expected.reasons());
        assertThat(read.problem()).isEqualTo(expected.problem());
        assertThat(read.checks()).isEqualTo(expected.checks());
        assertThat(read.nextCheckAt()).isEqualTo(expected.nextCheckAt());
        assertThat(read.leaseUntil()).isEqualTo(expected.leaseUntil());
        assertThat(read.version()).isEqualTo(expected.version());
        assertThat(read.createdAt()).isEqualTo(expected.createdAt());
        assertThat(read.updatedAt()).isEqualTo(expected.updatedAt());
        assertThat(read.steps()).isEqualTo(expected.steps());
    }

    private static void assertSameTollFree(TollFreeVerification read, TollFreeVerification expected) {
        assertThat(read.id()).isEqualTo(expected.id());
        assertThat(read.tenantId()).isEqualTo(expected.tenantId());
        assertThat(read.phoneNumber()).isEqualTo(expected.phoneNumber());
        assertThat(read.accountSid()).isEqualTo(expected.accountSid());
        assertThat(read.numberSid()).isEqualTo(expected.numberSid());
        assertThat(read.verificationSid()).isEqualTo(expected.verificationSid());
        assertThat(read.status()).isEqualTo(expected.status());
        assertThat(read.request()).isEqualTo(expected.request());
        assertThat(read.request().actor()).isEqualTo(expected.request().actor());
        assertThat(read.request().useCaseCategories())
                .isEqualTo(Set.copyOf(expected.request().useCaseCategories()));
        assertThat(read.request().optInImageUrls())
                .containsExactlyElementsOf(expected.request().optInImageUrls());
        assertThat(read.editAllowed()).isEqualTo(expected.editAllowed());
        assertThat(read.editExpiration()).isEqualTo(expected.editExpiration());
        assertThat(read.reasons()).containsExactlyElementsOf(expected.reasons());
        assertThat(read.problem()).isEqualTo(expected.problem());
        assertThat(read.checks()).isEqualTo(expected.checks());
        assertThat(read.nextCheckAt()).isEqualTo(expected.nextCheckAt());
        assertThat(read.version()).isEqualTo(expected.version());
        assertThat(read.createdAt()).isEqualTo(expected.createdAt());
        assertThat(read.updatedAt()).isEqualTo(expected.updatedAt());
    }
}
