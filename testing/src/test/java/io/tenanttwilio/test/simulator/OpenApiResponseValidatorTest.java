package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OpenApiResponseValidatorTest {

    private static final String ACCOUNT = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef";
    private static final String INCOMING_NUMBER_PATH =
            ACCOUNT + "/IncomingPhoneNumbers/PN0123456789abcdef0123456789abcdef.json";
    private static final String MESSAGES_PATH = ACCOUNT + "/Messages.json";

    private static final String INCOMING_NUMBER = """
            {
              "account_sid": "AC0123456789abcdef0123456789abcdef",
              "address_requirements": "none",
              "address_sid": null,
              "api_version": "2010-04-01",
              "beta": false,
              "bundle_sid": null,
              "capabilities": {"voice": true, "sms": true, "mms": false, "fax": false},
              "date_created": "Thu, 30 Jul 2015 20:12:31 +0000",
              "date_updated": "Thu, 30 Jul 2015 20:12:31 +0000",
              "emergency_address_sid": null,
              "emergency_address_status": "unregistered",
              "emergency_status": "Inactive",
              "friendly_name": "(418) 555-0142",
              "identity_sid": null,
              "origin": "twilio",
              "phone_number": "+14185550142",
              "sid": "PN0123456789abcdef0123456789abcdef",
              "sms_application_sid": "",
              "sms_fallback_method": "POST",
              "sms_fallback_url": "",
              "sms_method": "POST",
              "sms_url": "",
              "status": "in-use",
              "status_callback": "",
              "status_callback_method": "POST",
              "trunk_sid": null,
              "type": "local",
              "uri": "%1$s/IncomingPhoneNumbers/PN0123456789abcdef0123456789abcdef.json",
              "voice_application_sid": "",
              "voice_caller_id_lookup": false,
              "voice_fallback_method": "POST",
              "voice_fallback_url": null,
              "voice_method": "POST",
              "voice_receive_mode": "voice",
              "voice_url": null
            }
            """.formatted(ACCOUNT);

    private static final String MESSAGE = """
            {
              "account_sid": "AC0123456789abcdef0123456789abcdef",
              "api_version": "2010-04-01",
              "body": "Votre rendez-vous est confirmé.",
              "date_created": "Thu, 30 Jul 2015 20:12:31 +0000",
              "date_sent": null,
              "date_updated": "Thu, 30 Jul 2015 20:12:31 +0000",
              "direction": "outbound-api",
              "error_code": null,
              "error_message": null,
              "from": "+14185550142",
              "messaging_service_sid": null,
              "num_media": "0",
              "num_segments": "1",
              "price": null,
              "price_unit": "USD",
              "sid": "SM0123456789abcdef0123456789abcdef",
              "status": "queued",
              "subresource_uris": {
                "media": "%1$s/Messages/SM0123456789abcdef0123456789abcdef/Media.json"
              },
              "to": "+15145550199",
              "uri": "%1$s/Messages/SM0123456789abcdef0123456789abcdef.json"
            }
            """.formatted(ACCOUNT);

    private static final String ERROR_404 = """
            {
              "code": 20404,
              "message": "The requested resource %1$s/Messages/SMnope.json was not found",
              "more_info": "https://www.twilio.com/docs/errors/20404",
              "status": 404
            }
            """.formatted(ACCOUNT);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiResponseValidator validator = OpenApiResponseValidator.load();

    @Test
    void acceptsAnIncomingPhoneNumberThatFollowsTheSpec() {
        assertThat(validator.validate("GET", INCOMING_NUMBER_PATH, 200, INCOMING_NUMBER))
                .isEmpty();
    }

    @Test
    void acceptsAQueuedMessageWithNullPriceAndErrorCode() {
        assertThat(validator.validate("POST", MESSAGES_PATH, 201, MESSAGE)).isEmpty();
    }

    @Test
    void acceptsAPageOfAvailableLocalNumbers() {
        String page = """
                {
                  "available_phone_numbers": [
                    {
                      "address_requirements": "none",
                      "beta": false,
                      "capabilities": {"voice": true, "sms": true, "mms": true},
                      "friendly_name": "(418) 555-0142",
                      "iso_country": "CA",
                      "lata": null,
                      "latitude": 46.8139,
                      "locality": "Québec",
                      "longitude": -71,
                      "phone_number": "+14185550142",
                      "postal_code": null,
                      "rate_center": "QUEBEC",
                      "region": "QC"
                    }
                  ],
                  "end": 0,
                  "first_page_uri": "%1$s/AvailablePhoneNumbers/CA/Local.json?AreaCode=418&PageSize=50&Page=0",
                  "next_page_uri": null,
                  "page": 0,
                  "page_size": 50,
                  "previous_page_uri": null,
                  "start": 0,
                  "uri": "%1$s/AvailablePhoneNumbers/CA/Local.json?AreaCode=418&PageSize=50&Page=0"
                }
                """.formatted(ACCOUNT);

        assertThat(validator.validate("GET", ACCOUNT + "/AvailablePhoneNumbers/CA/Local.json", 200, page))
                .isEmpty();
    }

    @Test
    void acceptsABalance() {
        String balance = """
                {"account_sid": "AC0123456789abcdef0123456789abcdef", "balance": "0.05", "currency": "USD"}
                """;

        assertThat(validator.validate("get", ACCOUNT + "/Balance.json", 200, balance))
                .isEmpty();
    }

    @Test
    void matchesTheTemplateWithMoreLiteralCharactersWhenSeveralMatch() {
        String page = """
                {"incoming_phone_numbers": [], "uri": "%1$s/IncomingPhoneNumbers/Local.json"}
                """.formatted(ACCOUNT);

        assertThat(validator.validate("GET", ACCOUNT + "/IncomingPhoneNumbers/Local.json", 200, page))
                .isEmpty();
        assertThat(validator.validate("GET", INCOMING_NUMBER_PATH, 200, page))
                .anySatisfy(problem -> assertThat(problem).contains("incoming_phone_numbers"));
    }

    @Test
    void reportsAPropertyThatTheSchemaDoesNotDeclare() {
        assertThat(validator.validate("POST", MESSAGES_PATH, 201, with(MESSAGE, "segments", "1")))
                .singleElement()
                .asString()
                .contains("'segments'", "not defined in the schema");
    }

    @Test
    void reportsAnUndeclaredPropertyInANestedObject() {
        String body = with(
                INCOMING_NUMBER,
                "capabilities",
                JSON.createObjectNode().put("voice", true).put("SMS", true));

        assertThat(validator.validate("GET", INCOMING_NUMBER_PATH, 200, body))
                .singleElement()
                .asString()
                .contains("$.capabilities", "'SMS'");
    }

    @Test
    void reportsAFieldOfTheWrongType() {
        assertThat(validator.validate("POST", MESSAGES_PATH, 201, with(MESSAGE, "num_segments", 1)))
                .singleElement()
                .asString()
                .contains("$.num_segments", "integer found");
    }

    @Test
    void reportsADecimalWhereTheSchemaWantsAnInteger() {
        assertThat(validator.validate("POST", MESSAGES_PATH, 201, with(MESSAGE, "error_code", 30007.5)))
                .singleElement()
                .asString()
                .contains("$.error_code");
    }

    @Test
    void reportsAValueOutsideTheEnum() {
        assertThat(validator.validate("POST", MESSAGES_PATH, 201, with(MESSAGE, "status", "teleported")))
                .singleElement()
                .asString()
                .contains("$.status", "enumeration", "teleported");
    }

    @Test
    void reportsNullInAFieldThatIsNotNullable() {
        assertThat(validator.validate("POST", MESSAGES_PATH, 201, with(MESSAGE, "status", null)))
                .isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("$.status:"));
    }

    @Test
    void reportsNullInAPropertyOfANullableObject() {
        String body = with(
                INCOMING_NUMBER,
                "capabilities",
                JSON.createObjectNode().putNull("voice").put("sms", true).put("mms", false));

        assertThat(validator.validate("GET", INCOMING_NUMBER_PATH, 200, body))
                .singleElement()
                .asString()
                .contains("$.capabilities.voice", "null found");
    }

    @Test
    void acceptsNullForANullableObject() {
        assertThat(validator.validate("GET", INCOMING_NUMBER_PATH, 200, with(INCOMING_NUMBER, "capabilities", null)))
                .isEmpty();
    }

    @Test
    void reportsADateThatIsNotRfc2822() {
        assertThat(validator.validate(
                        "POST", MESSAGES_PATH, 201, with(MESSAGE, "date_created", "2015-07-30T20:12:31Z")))
                .singleElement()
                .asString()
                .contains("$.date_created", "date-time-rfc-2822");
    }

    @Test
    void reportsADateWhoseWeekdayIsWrong() {
        assertThat(validator.validate(
                        "POST", MESSAGES_PATH, 201, with(MESSAGE, "date_created", "Fri, 30 Jul 2015 20:12:31 +0000")))
                .singleElement()
                .asString()
                .contains("$.date_created");
    }

    @Test
    void reportsAnUndeclaredPropertyInsideTheItemsOfAList() {
        String page = """
                {"messages": [%2$s], "uri": "%1$s/Messages.json"}
                """.formatted(ACCOUNT, with(MESSAGE, "segments", "1"));

        assertThat(validator.validate("GET", MESSAGES_PATH, 200, page))
                .singleElement()
                .asString()
                .contains("$.messages[0]", "'segments'");
    }

    @Test
    void reportsAPathThatNoTemplateMatches() {
        assertThat(validator.validate("GET", ACCOUNT + "/Teleporters.json", 200, "{}"))
                .containsExactly(
                        "no operation GET " + ACCOUNT + "/Teleporters.json in the spec: no path template matches");
    }

    @Test
    void reportsAMethodThatThePathDoesNotHave() {
        assertThat(validator.validate("PUT", ACCOUNT + "/Balance.json", 200, "{}"))
                .singleElement()
                .asString()
                .startsWith("no operation PUT " + ACCOUNT + "/Balance.json in the spec")
                .endsWith("has GET");
    }

    @Test
    void reportsAStatusThatTheOperationDoesNotDocument() {
        assertThat(validator.validate("GET", ACCOUNT + "/Balance.json", 201, "{}"))
                .containsExactly("status 201 not documented for GET /2010-04-01/Accounts/{AccountSid}/Balance.json"
                        + " (documented: 200)");
    }

    @Test
    void acceptsAnEmptyBodyForA204() {
        assertThat(validator.validate("DELETE", INCOMING_NUMBER_PATH, 204, "")).isEmpty();
    }

    @Test
    void reportsABodyOnA204() {
        assertThat(validator.validate("DELETE", INCOMING_NUMBER_PATH, 204, "{}"))
                .singleElement()
                .asString()
                .contains("has no body in the spec");
    }

    @Test
    void reportsAMissingBodyWhereTheSpecHasOne() {
        assertThat(validator.validate("GET", INCOMING_NUMBER_PATH, 200, ""))
                .singleElement()
                .asString()
                .contains("is empty");
    }

    @Test
    void reportsABodyThatIsNotJson() {
        assertThat(validator.validate("GET", INCOMING_NUMBER_PATH, 200, "<Response/>"))
                .singleElement()
                .asString()
                .contains("is not JSON");
    }

    @Test
    void acceptsATwilioErrorBody() {
        assertThat(validator.validate("GET", MESSAGES_PATH, 404, ERROR_404)).isEmpty();
    }

    @Test
    void reportsAnErrorBodyWithoutMoreInfo() {
        String body = without(ERROR_404, "more_info");

        assertThat(validator.validate("GET", MESSAGES_PATH, 404, body))
                .singleElement()
                .asString()
                .contains("more_info");
    }

    @Test
    void reportsAnErrorBodyWithAnExtraField() {
        assertThat(validator.validate("GET", MESSAGES_PATH, 404, with(ERROR_404, "detail", "x")))
                .singleElement()
                .asString()
                .contains("'detail'");
    }

    @Test
    void reportsAnErrorBodyWhoseStatusIsNotTheHttpStatus() {
        assertThat(validator.validate("GET", MESSAGES_PATH, 400, ERROR_404))
                .containsExactly("$.status: is 404 but the HTTP status is 400");
    }

    @Test
    void isSharedAndGivesTheSameAnswersFromManyThreads() throws Exception {
        List<String> expected = validator.validate("POST", MESSAGES_PATH, 201, with(MESSAGE, "num_segments", 1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> answers = IntStream.range(0, 32)
                    .mapToObj(i -> pool.submit(() -> OpenApiResponseValidator.load()
                            .validate("POST", MESSAGES_PATH, 201, with(MESSAGE, "num_segments", 1))))
                    .toList();
            for (Future<List<String>> answer : answers) {
                assertThat(answer.get()).isEqualTo(expected).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(OpenApiResponseValidator.load()).isSameAs(validator);
    }

    private static String with(String json, String field, Object value) {
        ObjectNode node = read(json);
        node.set(field, JSON.valueToTree(value));
        return node.toString();
    }

    private static String without(String json, String field) {
        ObjectNode node = read(json);
        node.remove(field);
        return node.toString();
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final String BRAND_PATH = "/v1/a2p/BrandRegistrations/BN0123456789abcdef0123456789abcdef";
    private static final String BRAND = """
            {"sid": "BN0123456789abcdef0123456789abcdef", "account_sid": "AC0123456789abcdef0123456789abcdef",
             "status": "APPROVED", "identity_status": "VERIFIED", "brand_score": 80, "errors": [],
             "date_created": "2026-04-14T10:00:00Z", "date_updated": "2026-04-14T10:00:00Z"}
            """;
    private static final String CAMPAIGN_PATH =
            "/v1/Services/MG0123456789abcdef0123456789abcdef/Compliance/Usa2p/QE0123456789abcdef0123456789abcdef";
    private static final String CAMPAIGN = """
            {"sid": "QE0123456789abcdef0123456789abcdef", "campaign_status": "VERIFIED",
             "message_samples": ["one", "two"], "rate_limits": {}, "privacy_policy_url": null,
             "terms_and_conditions_url": null}
            """;

    @Test
    void acceptsAMessagingV1Brand() {
        assertThat(validator.validate("GET", BRAND_PATH, 200, BRAND)).isEmpty();
    }

    @Test
    void reportsABrandStatusOutsideTheEnumOfTheMessagingDocument() {
        assertThat(validator.validate("GET", BRAND_PATH, 200, with(BRAND, "status", "VERIFIED")))
                .singleElement()
                .asString()
                .contains("status");
    }

    @Test
    void reportsAnIso8601DateThatIsNotOne() {
        assertThat(validator.validate(
                        "GET", BRAND_PATH, 200, with(BRAND, "date_created", "Tue, 14 Apr 2026 10:00:00 +0000")))
                .singleElement()
                .asString()
                .contains("date_created");
    }

    @Test
    void acceptsACampaignOfExactlyOneOfTheDocumentsShapes() {
        assertThat(validator.validate("GET", CAMPAIGN_PATH, 200, CAMPAIGN)).isEmpty();
        // The first shape knows no privacy_policy_url, the second requires terms_and_conditions_url too.
        assertThat(validator.validate("GET", CAMPAIGN_PATH, 200, without(CAMPAIGN, "terms_and_conditions_url")))
                .contains("$: must be valid to one and only one schema, but 0 are valid")
                .isNotEmpty();
    }

    @Test
    void acceptsATrustHubCustomerProfileAndReportsAnUnknownStatus() {
        String profile = """
                {"sid": "BU0123456789abcdef0123456789abcdef", "status": "twilio-approved",
                 "errors": null, "links": {"customer_profiles_evaluations": "https://trusthub.twilio.com/x"}}
                """;
        String path = "/v1/CustomerProfiles/BU0123456789abcdef0123456789abcdef";

        assertThat(validator.validate("GET", path, 200, profile)).isEmpty();
        assertThat(validator.validate("GET", path, 200, with(profile, "status", "approved")))
                .isNotEmpty();
    }
}
