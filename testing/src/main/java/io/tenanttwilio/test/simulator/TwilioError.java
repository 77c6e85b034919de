package io.tenanttwilio.test.simulator;

/** A Twilio API error: the HTTP status and Twilio's JSON body {@code {code, message, more_info, status}}. */
final class TwilioError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final int code;

    TwilioError(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static TwilioError badRequest(int code, String message) {
        return new TwilioError(400, code, message);
    }

    static TwilioError notFound(String path) {
        return new TwilioError(404, 20404, "The requested resource " + path + " was not found");
    }

    static TwilioError authenticate(String message) {
        return new TwilioError(401, 20003, message);
    }
}
