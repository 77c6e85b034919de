package io.tenanttwilio.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text field of the registration forms (business profile, campaign, toll-free request),
 * given empty, too long, HTML and, where the field has one, the wrong format: the field alone is
 * reported, in English and in French, the message does not repeat the value, and {@code build()}
 * refuses the form, so nothing can reach Twilio.
 */
class RegistrationBadInputTest {

    private static final TenantId CLINIC = TenantId.of("clinic-bad-input");

    /** How a value is wrong, and words its English and French messages must contain. */
    enum Kind {
        EMPTY("required", "obligatoire"),
        TOO_LONG("at most", "au plus"),
        HTML("HTML", "HTML"),
        FORMAT(null, null);

        final String english;
        final String french;

        Kind(String english, String french) {
            this.english = english;
            this.french = french;
        }
    }

    private static BusinessProfile.Builder business() {
        return BusinessProfile.builder()
                .legalName("Clinique Santé Plus inc.")
                .businessType(BusinessProfile.BusinessType.CORPORATION)
                .industry(BusinessProfile.Industry.HEALTHCARE)
                .registrationAuthority(BusinessProfile.RegistrationAuthority.NEQ)
                .registrationNumber("1171234567")
                .website("https://cliniquesante.example")
                .street("1 rue Saint-Jean")
                .city("Québec")
                .region("QC")
                .postalCode("G1R 4P5")
                .country("CA")
                .contactFirstName("Marie")
                .contactLastName("Tremblay")
                .contactEmail("marie@cliniquesante.example")
                .contactPhone("+14185550100")
                .contactTitle("Directrice");
    }

    private static CampaignDetails.Builder campaign() {
        return CampaignDetails.builder()
                .useCase(CampaignDetails.UseCase.CUSTOMER_CARE)
                .description("Réponses aux questions des patients sur leurs rendez-vous à la clinique.")
                .messageFlow("Les patients donnent leur numéro à l’accueil et acceptent de recevoir des textos.")
                .sample("Clinique : votre rendez-vous est demain à 10 h. Répondez ARRÊT pour vous désabonner.")
                .sample("Clinique : nous avons bien reçu votre message et vous rappelons aujourd’hui.");
    }

    private static TollFreeRequest.Builder tollFree() {
        return TollFreeRequest.builder()
                .tenant(CLINIC)
                .number(PhoneNumber.ofE164("+18885550100"))
                .business(business().build())
                .useCaseCategories(TollFreeRequest.UseCaseCategory.ACCOUNT_NOTIFICATIONS)
                .useCaseSummary("Appointment reminders for the clinic's patients.")
                .productionMessageSample("Clinique : rendez-vous demain à 10 h. Répondez ARRÊT pour vous désabonner.")
                .optInType(TollFreeRequest.OptInType.PAPER_FORM)
                .optInImageUrl("https://cliniquesante.example/consentement.png")
                .messageVolume("1,000");
    }

    private static String longer(int max) {
        return "a".repeat(max + 1);
    }

    /** HTML of {@code min} to {@code max} characters, so that the markup is what is refused. */
    private static String html(int min, int max) {
        String html = Stream.of("<script>alert('x')</script>", "<b>x</b>", "<>")
                .filter(candidate -> candidate.length() <= max)
                .findFirst()
                .orElseThrow();
        return html.length() >= min ? html : html + " " + "b".repeat(min - html.length());
    }

    /** The rows of {@link #badFields()}, each a form with one bad field. */
    private static final class Table {
        private final List<Arguments> rows = new ArrayList<>();

        <B> void row(
                String form,
                Supplier<B> good,
                Function<B, List<FieldProblem>> problems,
                Function<B, ?> build,
                String field,
                BiConsumer<B, String> set,
                Kind kind,
                String value,
                String reported,
                String english,
                String french) {
            rows.add(Arguments.of(
                    form + "." + field + " " + kind,
                    (Supplier<List<FieldProblem>>) () -> {
                        B builder = good.get();
                        set.accept(builder, value);
                        return problems.apply(builder);
                    },
                    (Runnable) () -> {
                        B builder = good.get();
                        set.accept(builder, value);
                        build.apply(builder);
                    },
                    value,
                    reported,
                    english != null ? english : kind.english,
                    french != null ? french : kind.french));
        }

        /** A text field: empty, too long, HTML, and the given wrong formats. */
        <B> void text(
                String form,
                Supplier<B> good,
                Function<B, List<FieldProblem>> problems,
                Function<B, ?> build,
                String field,
                BiConsumer<B, String> set,
                int min,
                int max,
                String... formats) {
            row(form, good, problems, build, field, set, Kind.EMPTY, "", field, null, null);
            row(form, good, problems, build, field, set, Kind.TOO_LONG, longer(max), field, null, null);
            row(form, good, problems, build, field, set, Kind.HTML, html(min, max), field, null, null);
            for (int i = 0; i + 2 < formats.length; i += 3) {
                row(
                        form,
                        good,
                        problems,
                        build,
                        field,
                        set,
                        Kind.FORMAT,
                        formats[i],
                        field,
                        formats[i + 1],
                        formats[i + 2]);
            }
        }
    }

    static Stream<Arguments> badFields() {
        Table table = new Table();
        Supplier<BusinessProfile.Builder> b = RegistrationBadInputTest::business;
        Function<BusinessProfile.Builder, List<FieldProblem>> bp = BusinessProfile.Builder::problems;
        Function<BusinessProfile.Builder, ?> bb = BusinessProfile.Builder::build;
        table.text("business", b, bp, bb, "legalName", BusinessProfile.Builder::legalName, 2, 255);
        table.text(
                "business",
                b,
                bp,
                bb,
                "registrationNumber",
                BusinessProfile.Builder::registrationNumber,
                4,
                32,
                "117123456",
                "10 digits",
                "10 chiffres");
        table.text(
                "business",
                b,
                bp,
                bb,
                "website",
                BusinessProfile.Builder::website,
                4,
                255,
                "javascript:alert(1)",
                "website",
                "site Web",
                "localhost",
                "website",
                "site Web",
                "https://user@cliniquesante.example",
                "website",
                "site Web");
        table.text("business", b, bp, bb, "street", BusinessProfile.Builder::street, 3, 255);
        table.text("business", b, bp, bb, "city", BusinessProfile.Builder::city, 2, 100);
        table.text("business", b, bp, bb, "region", BusinessProfile.Builder::region, 2, 100);
        table.text(
                "business",
                b,
                bp,
                bb,
                "country",
                BusinessProfile.Builder::country,
                2,
                2,
                "ZZ",
                "country code",
                "code de pays");
        table.text(
                "business",
                b,
                bp,
                bb,
                "postalCode",
                BusinessProfile.Builder::postalCode,
                3,
                16,
                "12345",
                "G1R 4P5",
                "G1R 4P5");
        table.text("business", b, bp, bb, "contactFirstName", BusinessProfile.Builder::contactFirstName, 1, 100);
        table.text("business", b, bp, bb, "contactLastName", BusinessProfile.Builder::contactLastName, 1, 100);
        table.text(
                "business",
                b,
                bp,
                bb,
                "contactEmail",
                BusinessProfile.Builder::contactEmail,
                3,
                254,
                "marie@",
                "email",
                "courriel",
                "marie tremblay@cliniquesante.example",
                "email",
                "courriel");
        table.text(
                "business",
                b,
                bp,
                bb,
                "contactPhone",
                BusinessProfile.Builder::contactPhone,
                2,
                32,
                "555",
                "phone number",
                "numéro de téléphone");
        table.text("business", b, bp, bb, "contactTitle", BusinessProfile.Builder::contactTitle, 2, 100);
        // The US forms of the same fields.
        Supplier<BusinessProfile.Builder> us = () -> business()
                .registrationAuthority(BusinessProfile.RegistrationAuthority.EIN)
                .registrationNumber("12-3456789")
                .country("US")
                .region("NY")
                .postalCode("10001");
        table.row(
                "business(US)",
                us,
                bp,
                bb,
                "postalCode",
                BusinessProfile.Builder::postalCode,
                Kind.FORMAT,
                "G1R 4P5",
                "postalCode",
                "ZIP",
                "ZIP");
        table.row(
                "business(US)",
                us,
                bp,
                bb,
                "registrationNumber",
                BusinessProfile.Builder::registrationNumber,
                Kind.FORMAT,
                "1234567",
                "registrationNumber",
                "EIN",
                "EIN");

        Supplier<CampaignDetails.Builder> c = RegistrationBadInputTest::campaign;
        Function<CampaignDetails.Builder, List<FieldProblem>> cp = CampaignDetails.Builder::problems;
        Function<CampaignDetails.Builder, ?> cb = CampaignDetails.Builder::build;
        table.text("campaign", c, cp, cb, "description", CampaignDetails.Builder::description, 40, 4096);
        table.text("campaign", c, cp, cb, "messageFlow", CampaignDetails.Builder::messageFlow, 40, 2048);
        BiConsumer<CampaignDetails.Builder, String> secondSample = (builder, value) -> builder.samples(
                List.of("Clinique : votre rendez-vous est demain à 10 h. Répondez ARRÊT pour vous désabonner.", value));
        table.row("campaign", c, cp, cb, "samples[1]", secondSample, Kind.EMPTY, "", "samples", "sample", "exemple");
        table.row(
                "campaign",
                c,
                cp,
                cb,
                "samples[1]",
                secondSample,
                Kind.TOO_LONG,
                longer(1024),
                "samples[1]",
                null,
                null);
        table.row(
                "campaign", c, cp, cb, "samples[1]", secondSample, Kind.HTML, html(20, 1024), "samples[1]", null, null);
        table.row(
                "campaign",
                c,
                cp,
                cb,
                "samples",
                (builder, value) -> builder.samples(List.of(value, value)),
                Kind.FORMAT,
                "Clinique : votre rendez-vous est demain à 10 h, à bientôt.",
                "samples",
                "STOP",
                "ARRÊT");

        Supplier<TollFreeRequest.Builder> t = RegistrationBadInputTest::tollFree;
        Function<TollFreeRequest.Builder, List<FieldProblem>> tp = TollFreeRequest.Builder::problems;
        Function<TollFreeRequest.Builder, ?> tb = TollFreeRequest.Builder::build;
        table.text("toll-free", t, tp, tb, "useCaseSummary", TollFreeRequest.Builder::useCaseSummary, 20, 1000);
        table.text(
                "toll-free",
                t,
                tp,
                tb,
                "productionMessageSample",
                TollFreeRequest.Builder::productionMessageSample,
                20,
                1000);
        BiConsumer<TollFreeRequest.Builder, String> image = (builder, value) -> builder.optInImageUrl(value);
        table.row(
                "toll-free",
                t,
                tp,
                tb,
                "optInImageUrls[1]",
                image,
                Kind.TOO_LONG,
                "https://cliniquesante.example/" + "a".repeat(255),
                "optInImageUrls[1]",
                null,
                null);
        table.row(
                "toll-free",
                t,
                tp,
                tb,
                "optInImageUrls[1]",
                image,
                Kind.HTML,
                html(4, 255),
                "optInImageUrls[1]",
                null,
                null);
        table.row(
                "toll-free",
                t,
                tp,
                tb,
                "optInImageUrls[1]",
                image,
                Kind.FORMAT,
                "ftp://cliniquesante.example/a.png",
                "optInImageUrls[1]",
                "website",
                "site Web");
        table.row(
                "toll-free",
                t,
                tp,
                tb,
                "messageVolume",
                TollFreeRequest.Builder::messageVolume,
                Kind.EMPTY,
                "",
                "messageVolume",
                null,
                null);
        table.row(
                "toll-free",
                t,
                tp,
                tb,
                "messageVolume",
                TollFreeRequest.Builder::messageVolume,
                Kind.FORMAT,
                "lots",
                "messageVolume",
                "1,000",
                "1,000");
        table.row(
                "toll-free",
                t,
                tp,
                tb,
                "additionalInformation",
                TollFreeRequest.Builder::additionalInformation,
                Kind.TOO_LONG,
                longer(1000),
                "additionalInformation",
                null,
                null);
        table.row(
                "toll-free",
                t,
                tp,
                tb,
                "additionalInformation",
                TollFreeRequest.Builder::additionalInformation,
                Kind.HTML,
                html(1, 1000),
                "additionalInformation",
                null,
                null);
        return table.rows.stream();
    }

    @Test
    void theGoodFormsPass() {
        assertThat(business().problems()).isEmpty();
        assertThat(campaign().problems()).isEmpty();
        assertThat(tollFree().problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void aBadFieldIsReportedAloneTranslatedAndWithoutItsValue(
            String name,
            Supplier<List<FieldProblem>> problems,
            Runnable build,
            String value,
            String field,
            String english,
            String french) {
        List<FieldProblem> found = problems.get();
        assertThat(found).extracting(FieldProblem::field).containsExactly(field);
        String inEnglish = found.get(0).message(Locale.ENGLISH);
        String inFrench = found.get(0).message(Locale.CANADA_FRENCH);
        assertThat(inEnglish).containsIgnoringCase(english);
        assertThat(inFrench).containsIgnoringCase(french);
        assertThat(inFrench).isNotEqualTo(inEnglish);
        if (value.length() > 3) {
            assertThat(inEnglish).doesNotContain(value);
            assertThat(inFrench).doesNotContain(value);
        }

        InvalidRegistrationException refused = catchThrowableOfType(build::run, InvalidRegistrationException.class);
        assertThat(refused).as("build() refuses the form").isNotNull();
        assertThat(refused.problems()).isEqualTo(found);
        if (!value.isEmpty()) {
            assertThat(refused.getMessage()).doesNotContain(value);
        }
        assertThat(refused.userMessage(Locale.CANADA_FRENCH)).contains("1 champ(s)");
        assertThat(refused.userMessage(Locale.ENGLISH)).contains("1 field(s)");
    }
}
