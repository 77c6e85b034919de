package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a JSON response body against the response schema that Twilio's OpenAPI description gives for its operation.
 *
 * <p>The descriptions are Twilio's, from twilio/twilio-oai, read from the classpath: {@value #SPEC_RESOURCE} (API
 * 2010-04-01), {@value #TRUSTHUB_RESOURCE} (trusthub.twilio.com/v1) and {@value #MESSAGING_RESOURCE}
 * (messaging.twilio.com/v1); their paths do not collide. The request path is matched against the path templates of
 * all of them, preferring the template with the most literal characters, and the body is checked against
 * {@code responses[status].content["application/json"].schema} of that template's operation for the method. The check
 * is stricter than the spec's words:
 *
 * <ul>
 *   <li>an object schema that declares {@code properties} accepts no other property;
 *   <li>{@code null} is accepted only where the schema says {@code nullable: true};
 *   <li>types, {@code enum}, array {@code items}, nested objects, {@code required} and {@code $ref} to
 *       {@code #/components/schemas} are checked, and so is {@code format: date-time-rfc-2822} (as {@code EEE, dd MMM
 *       yyyy HH:mm:ss Z}); no other format, pattern or length is checked, since Twilio sends {@code ""} for unset SIDs
 *       and URLs and relative URIs in fields of format {@code uri};
 *   <li>a documented response without content, such as a 204, must have an empty body.
 * </ul>
 *
 * <p>Twilio's error responses are not in the spec, so a response with a status of 400 or more is checked against
 * Twilio's error body instead, whatever its path: an object with exactly an integer {@code code}, a string
 * {@code message}, a string {@code more_info} and an integer {@code status} equal to the HTTP status.
 *
 * <p>The schemas are run by networknt's json-schema-validator with its OpenAPI 3.0 dialect, after a rewrite: an
 * OpenAPI {@code nullable: true} becomes a {@code "null"} type and enum member, because json-schema-validator 1.5 lets
 * the properties of a nullable object be null as well. The spec is read and compiled once; the instance is immutable
 * and safe to share between threads.
 */
final class OpenApiResponseValidator {

    static final String SPEC_RESOURCE = "/twilio/twilio_api_v2010.json";
    static final String TRUSTHUB_RESOURCE = "/twilio/twilio_trusthub_v1.json";
    static final String MESSAGING_RESOURCE = "/twilio/twilio_messaging_v1.json";

    private static final String DOCUMENT_IRI_BASE = "https://tenant-twilio.invalid";
    private static final String JSON_MEDIA_TYPE = "application/json";
    private static final String RFC_2822_FORMAT = "date-time-rfc-2822";
    private static final String ISO_8601_FORMAT = "date-time";
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^/{}]+}");
    private static final String ERROR_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "code": {"type": "integer"},
                "message": {"type": "string"},
                "more_info": {"type": "string"},
                "status": {"type": "integer"}
              },
              "required": ["code", "message", "more_info", "status"],
              "additionalProperties": false
            }
            """;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final List<PathTemplate> templates;
    private final JsonSchema errorSchema;

    private OpenApiResponseValidator(Map<String, JsonNode> specs) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .nullableKeywordEnabled(false)
                .formatAssertionsEnabled(true)
                .build();
        Map<String, String> documents = new LinkedHashMap<>();
        Map<String, ObjectNode> converted = new LinkedHashMap<>();
        specs.forEach((resource, spec) -> {
            ObjectNode document = toJsonSchemaDocument(spec);
            documents.put(DOCUMENT_IRI_BASE + resource, document.toString());
            converted.put(DOCUMENT_IRI_BASE + resource, document);
        });
        JsonSchemaFactory factory = schemaFactory(documents);
        List<PathTemplate> templates = new ArrayList<>();
        converted.forEach((iri, document) ->
                addTemplates(templates, document, factory.getSchema(SchemaLocation.of(iri), config)));
        templates.sort(Comparator.comparingInt(PathTemplate::literalLength).reversed());
        this.templates = List.copyOf(templates);
        this.errorSchema = compile(factory.getSchema(parse(ERROR_SCHEMA), config));
    }

    private static void addTemplates(List<PathTemplate> templates, ObjectNode document, JsonSchema root) {
        document.path("paths").fields().forEachRemaining(path -> {
            Map<String, Map<String, Optional<JsonSchema>>> operations = new LinkedHashMap<>();
            path.getValue().fields().forEachRemaining(operation -> {
                Map<String, Optional<JsonSchema>> responses = new LinkedHashMap<>();
                operation.getValue().path("responses").fields().forEachRemaining(response -> {
                    Optional<JsonSchema> body = Optional.empty();
                    if (response.getValue().has("content")) {
                        String pointer = jsonPointer(
                                "paths",
                                path.getKey(),
                                operation.getKey(),
                                "responses",
                                response.getKey(),
                                "content",
                                JSON_MEDIA_TYPE,
                                "schema");
                        body = Optional.of(compile(root.getRefSchema(SchemaLocation.Fragment.of(pointer))));
                    }
                    responses.put(response.getKey(), body);
                });
                operations.put(operation.getKey(), Collections.unmodifiableMap(responses));
            });
            templates.add(PathTemplate.of(path.getKey(), Collections.unmodifiableMap(operations)));
        });
    }

    /**
     * Returns the validator for Twilio's API v2010, TrustHub v1 and Messaging v1, reading the specs from the classpath
     * on first use.
     */
    static OpenApiResponseValidator load() {
        return Shared.INSTANCE;
    }

    /**
     * Returns the problems of a response body, or an empty list when it matches the spec.
     *
     * @param method the HTTP method, in any case
     * @param path the request path without scheme, host or query, such as {@code /2010-04-01/Accounts/AC…/Balance.json}
     * @param status the HTTP status of the response
     * @param jsonBody the response body, empty or {@code null} for none
     */
    List<String> validate(String method, String path, int status, String jsonBody) {
        String body = jsonBody == null ? "" : jsonBody;
        if (status >= 400) {
            return validateError(status, body);
        }
        String request = method.toUpperCase(Locale.ROOT) + " " + path;
        Optional<PathTemplate> template =
                templates.stream().filter(candidate -> candidate.matches(path)).findFirst();
        if (template.isEmpty()) {
            return List.of("no operation " + request + " in the spec: no path template matches");
        }
        Map<String, Optional<JsonSchema>> responses =
                template.get().operations().get(method.toLowerCase(Locale.ROOT));
        if (responses == null) {
            return List.of("no operation " + request + " in the spec: "
                    + template.get().template() + " has "
                    + template.get().operations().keySet().stream()
                            .map(name -> name.toUpperCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
        String operation =
                method.toUpperCase(Locale.ROOT) + " " + template.get().template();
        Optional<JsonSchema> schema = responses.get(String.valueOf(status));
        if (schema == null) {
            return List.of("status " + status + " not documented for " + operation + " (documented: "
                    + String.join(", ", responses.keySet()) + ")");
        }
        if (schema.isEmpty()) {
            return body.isEmpty()
                    ? List.of()
                    : List.of("status " + status + " of " + operation + " has no body in the spec, but the body is "
                            + abbreviate(body));
        }
        return validateBody(schema.get(), body, status + " of " + operation);
    }

    private List<String> validateError(int status, String body) {
        List<String> problems = validateBody(errorSchema, body, "error " + status);
        if (!problems.isEmpty()) {
            return problems;
        }
        JsonNode bodyStatus = parse(body).get("status");
        if (!bodyStatus.canConvertToInt() || bodyStatus.intValue() != status) {
            return List.of("$.status: is " + bodyStatus + " but the HTTP status is " + status);
        }
        return List.of();
    }

    private static List<String> validateBody(JsonSchema schema, String body, String response) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of("the body of " + response + " is not JSON: " + e.getOriginalMessage());
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of("the body of " + response + " is empty");
        }
        return schema.validate(instance).stream()
                .map(OpenApiResponseValidator::describe)
                .toList();
    }

    private static String describe(ValidationMessage message) {
        String text = message.getMessage().strip();
        JsonNode value = message.getInstanceNode();
        return value != null && value.isValueNode() ? text + " (found " + abbreviate(value.toString()) + ")" : text;
    }

    private static ObjectNode toJsonSchemaDocument(JsonNode spec) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        spec.path("components")
                .path("schemas")
                .fields()
                .forEachRemaining(schema -> schemas.set(schema.getKey(), toJsonSchema(schema.getValue())));
        ObjectNode paths = document.putObject("paths");
        spec.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    if (!responses.isObject()) {
                        return;
                    }
                    ObjectNode converted =
                            paths.withObject(jsonPointer(path.getKey(), operation.getKey(), "responses"));
                    responses.fields().forEachRemaining(response -> {
                        ObjectNode convertedResponse = converted.putObject(response.getKey());
                        JsonNode schema = response.getValue()
                                .path("content")
                                .path(JSON_MEDIA_TYPE)
                                .path("schema");
                        if (!schema.isMissingNode()) {
                            convertedResponse
                                    .putObject("content")
                                    .putObject(JSON_MEDIA_TYPE)
                                    .set("schema", toJsonSchema(schema));
                        }
                    });
                }));
        return document;
    }

    private static ObjectNode toJsonSchema(JsonNode openApi) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        if (openApi.has("$ref")) {
            return schema.put("$ref", openApi.get("$ref").asText());
        }
        boolean nullable = openApi.path("nullable").asBoolean(false);
        JsonNode type = openApi.get("type");
        if (type != null) {
            if (nullable) {
                schema.putArray("type").add(type).add("null");
            } else {
                schema.set("type", type);
            }
        }
        JsonNode values = openApi.get("enum");
        if (values instanceof ArrayNode array) {
            ArrayNode allowed = schema.putArray("enum").addAll(array);
            if (nullable && !containsNull(array)) {
                allowed.addNull();
            }
        }
        String format = openApi.path("format").asText();
        if (RFC_2822_FORMAT.equals(format) || ISO_8601_FORMAT.equals(format)) {
            schema.put("format", format);
        }
        for (String keyword : List.of("oneOf", "anyOf", "allOf")) {
            JsonNode alternatives = openApi.get(keyword);
            if (alternatives instanceof ArrayNode array) {
                ArrayNode convertedAlternatives = schema.putArray(keyword);
                array.forEach(alternative -> convertedAlternatives.add(toJsonSchema(alternative)));
            }
        }
        JsonNode properties = openApi.get("properties");
        if (properties != null) {
            ObjectNode converted = schema.putObject("properties");
            properties
                    .fields()
                    .forEachRemaining(property -> converted.set(property.getKey(), toJsonSchema(property.getValue())));
            schema.put("additionalProperties", false);
        }
        JsonNode additionalProperties = openApi.get("additionalProperties");
        if (additionalProperties != null) {
            schema.set(
                    "additionalProperties",
                    additionalProperties.isObject() ? toJsonSchema(additionalProperties) : additionalProperties);
        }
        JsonNode items = openApi.get("items");
        if (items != null) {
            schema.set("items", toJsonSchema(items));
        }
        JsonNode required = openApi.get("required");
        if (required != null && required.isArray()) {
            schema.set("required", required);
        }
        return schema;
    }

    private static boolean containsNull(ArrayNode values) {
        for (JsonNode value : values) {
            if (value.isNull()) {
                return true;
            }
        }
        return false;
    }

    private static JsonSchemaFactory schemaFactory(Map<String, String> documents) {
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi30.getInstance())
                .keyword(new NonValidationKeyword("components"))
                .keyword(new NonValidationKeyword("paths"))
                .formats(Map::clear)
                .format(new Rfc2822DateTime())
                .format(new Iso8601DateTime())
                .build();
        return JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(dialect)
                        .defaultMetaSchemaIri(dialect.getIri())
                        .schemaLoaders(loaders -> loaders.schemas(documents::get)));
    }

    private static JsonSchema compile(JsonSchema schema) {
        schema.initializeValidators();
        return schema;
    }

    private static String jsonPointer(String... tokens) {
        StringBuilder pointer = new StringBuilder();
        for (String token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, JsonNode> readSpecs() {
        Map<String, JsonNode> specs = new LinkedHashMap<>();
        for (String resource : List.of(SPEC_RESOURCE, TRUSTHUB_RESOURCE, MESSAGING_RESOURCE)) {
            specs.put(resource, readSpec(resource));
        }
        return specs;
    }

    private static JsonNode readSpec(String resource) {
        try (InputStream in = OpenApiResponseValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record PathTemplate(
            String template,
            Pattern pattern,
            int literalLength,
            Map<String, Map<String, Optional<JsonSchema>>> operations) {

        static PathTemplate of(String template, Map<String, Map<String, Optional<JsonSchema>>> operations) {
            StringBuilder regex = new StringBuilder();
            int literalLength = 0;
            int literalStart = 0;
            Matcher parameter = TEMPLATE_PARAMETER.matcher(template);
            while (parameter.find()) {
                String literal = template.substring(literalStart, parameter.start());
                regex.append(Pattern.quote(literal)).append("[^/]+");
                literalLength += literal.length();
                literalStart = parameter.end();
            }
            String literal = template.substring(literalStart);
            regex.append(Pattern.quote(literal));
            literalLength += literal.length();
            return new PathTemplate(template, Pattern.compile(regex.toString()), literalLength, operations);
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }

    private static final class Rfc2822DateTime implements Format {

        @Override
        public String getName() {
            return RFC_2822_FORMAT;
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            try {
                RFC_2822.parse(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    private static final class Iso8601DateTime implements Format {

        @Override
        public String getName() {
            return ISO_8601_FORMAT;
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            try {
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    private static final class Shared {
        static final OpenApiResponseValidator INSTANCE = new OpenApiResponseValidator(readSpecs());
    }
}
