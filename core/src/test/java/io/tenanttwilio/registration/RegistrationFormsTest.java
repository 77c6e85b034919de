package io.tenanttwilio.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.ErrorCode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistrationFormsTest {

    private static BusinessProfile.Builder quebecClinic() {
        return BusinessProfile.builder()
                .legalName("Clinique Santé Plus inc.")
                .businessType(BusinessProfile.BusinessType.CORPORATION)
                .industry(BusinessProfile.Industry.HEALTHCARE)
                .registrationAuthority(BusinessProfile.RegistrationAuthority.NEQ)
                .registrationNumber("1171 234 567")
                .website("cliniquesante.example")
                .street("1 rue Saint-Jean")
                .city("Québec")
                .region("QC")
                .postalCode("g1r 4p5")
                .country("ca")
                .contactFirstName("Marie")
                .contactLastName("Tremblay")
                .contactEmail("marie@clinique-a.example")
                .contactPhone("418 555-0100")
                .contactTitle("Directrice");
    }

    @Test
    void aQuebecClinicWithItsNeqIsAcceptedAndNormalized() {
        BusinessProfile profile = quebecClinic().build();
        assertThat(profile.registrationNumber()).isEqualTo("1171234567");
        assertThat(profile.website().toString()).isEqualTo("https://cliniquesante.example");
        assertThat(profile.postalCode()).isEqualTo("G1R 4P5");
        assertThat(profile.country()).isEqualTo("CA");
        assertThat(profile.contactPhone().e164()).isEqualTo("+14185550100");
        assertThat(profile.toBuilder().build()).isEqualTo(profile);
        assertThat(profile.toString()).doesNotContain("marie").doesNotContain("1171234567");
    }

    @ParameterizedTest
    @CsvSource({
        "EIN, 12-3456789, true",
        "EIN, 1234567, false",
        "CBN, 123456789RC0001, true",
        "CBN, 12345678, false",
        "NEQ, 1171234567, true",
        "NEQ, 117123456, false",
        "DUNS, 123456789, true"
    })
    void registrationNumbersFollowTheirAuthority(
            BusinessProfile.RegistrationAuthority authority, String number, boolean accepted) {
        List<FieldProblem> problems = quebecClinic()
                .registrationAuthority(authority)
                .registrationNumber(number)
                .problems();
        assertThat(problems.stream().anyMatch(p -> p.field().equals("registrationNumber")))
                .isEqualTo(!accepted);
    }

    @Test
    void everyBadFieldIsReportedAtOnceTranslatedAndWithoutItsValue() {
        InvalidRegistrationException e = catchThrowableOfType(
                () -> quebecClinic()
                        .legalName("<script>alert(1)</script>")
                        .website("javascript:alert(1)")
                        .postalCode("12345")
                        .contactEmail("marie@")
                        .city("")
                        .build(),
                InvalidRegistrationException.class);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.problems())
                .extracting(FieldProblem::field)
                .containsExactly("legalName", "website", "city", "postalCode", "contactEmail");
        assertThat(e.problems().get(0).message(Locale.CANADA_FRENCH)).contains("HTML");
        assertThat(e.problems().get(3).message(Locale.ENGLISH)).contains("G1R 4P5");
        assertThat(e.problems().get(3).message(Locale.CANADA_FRENCH)).contains("code postal");
        assertThat(e.getMessage()).doesNotContain("script").doesNotContain("marie@");
        assertThat(e.userMessage(Locale.CANADA_FRENCH)).contains("5 champ(s)");
    }

    @Test
    void campaignSamplesNeedTheOptOutWordingInEitherLanguageAndDeclaredLinks() {
        CampaignDetails.Builder french = CampaignDetails.builder()
                .useCase(CampaignDetails.UseCase.CUSTOMER_CARE)
                .description("Réponses aux questions des patients sur leurs rendez-vous à la clinique.")
                .messageFlow("Les patients donnent leur numéro à l’accueil et acceptent de recevoir des textos.")
                .sample("Clinique : votre rendez-vous est demain à 10 h. Répondez ARRÊT pour vous désabonner.")
                .sample("Clinique : nous avons bien reçu votre message et vous rappelons aujourd’hui.");
        assertThat(french.problems()).isEmpty();
        List<FieldProblem> noOptOut = french.samples(List.of(
                        "Clinique : votre rendez-vous est demain à 10 h, à bientôt.",
                        "Voir https://clinique.example/rdv pour déplacer votre rendez-vous."))
                .problems();
        assertThat(noOptOut).extracting(FieldProblem::field).containsExactly("samples", "hasEmbeddedLinks");
        assertThat(noOptOut.get(0).message(Locale.CANADA_FRENCH)).contains("ARRÊT");
    }

    @Test
    void twilioReasonsAreTranslatedWhenKnownAndQuotedOtherwise() {
        assertThat(RejectionReason.of(30794, "TCR: tax id mismatch").message(Locale.CANADA_FRENCH))
                .contains("registres fiscaux");
        assertThat(RejectionReason.of(30999, "Something new").message(Locale.CANADA_FRENCH))
                .contains("Something new")
                .contains("Twilio");
        assertThat(RejectionReason.of(null, null).message(Locale.ENGLISH)).contains("no reason");
    }

    @Test
    void aRefusedSendSaysWhatToDo() {
        SendCheck refused = SendCheck.refused(SendCheck.Verdict.REGISTRATION_REQUIRED, false);
        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.verdict().errorCode()).contains(ErrorCode.REGISTRATION_REQUIRED);
        assertThat(refused.message(Locale.CANADA_FRENCH)).contains("Conformité");
        assertThat(SendCheck.refused(SendCheck.Verdict.REGISTRATION_REQUIRED, true)
                        .message(Locale.ENGLISH))
                .contains("under review");
        assertThat(SendCheck.allowed().message(Locale.ENGLISH)).isEmpty();
    }
}
