package io.tenanttwilio.test.simulator;

/**
 * The kinds of numbers Twilio sells, as in {@code AvailablePhoneNumbers/{Country}/{Type}.json}.
 *
 * <p>Immutable and thread-safe.
 */
public enum NumberType {
    /** {@code Local.json}: a geographic number. */
    LOCAL("Local", "local"),
    /** {@code TollFree.json}. */
    TOLL_FREE("TollFree", "tollfree"),
    /** {@code Mobile.json}. */
    MOBILE("Mobile", "mobile");

    private final String resource;
    private final String apiName;

    NumberType(String resource, String apiName) {
        this.resource = resource;
        this.apiName = apiName;
    }

    /** {@return the resource name in the URL: {@code Local}, {@code TollFree}, {@code Mobile}} */
    public String resource() {
        return resource;
    }

    /** {@return the value of an incoming number's {@code type} field} */
    public String apiName() {
        return apiName;
    }

    /** The type whose resource name is {@code resource}, or {@code null}. */
    static NumberType fromResource(String resource) {
        for (NumberType type : values()) {
            if (type.resource.equals(resource)) {
                return type;
            }
        }
        return null;
    }
}
