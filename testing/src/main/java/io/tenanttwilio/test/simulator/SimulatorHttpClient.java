package io.tenanttwilio.test.simulator;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A twilio-java {@link HttpClient} that sends what twilio-java addresses to
 * {@code https://*.twilio.com} to the simulator instead, keeping path, query, form, headers and
 * credentials. twilio-java's own retry of 5xx answers ({@code reliableRequest}) is kept, so the
 * simulator sees exactly what Twilio would.
 */
final class SimulatorHttpClient extends HttpClient {

    private final String baseUrl;
    private final NetworkHttpClient network = new NetworkHttpClient();

    SimulatorHttpClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        URI original = URI.create(request.constructURL().toString());
        String target =
                baseUrl + original.getRawPath() + (original.getRawQuery() != null ? "?" + original.getRawQuery() : "");
        Request rewritten = new Request(request.getMethod(), target);
        if (request.getAuthStrategy() != null) {
            rewritten.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            rewritten.setAuth(request.getUsername(), request.getPassword());
        }
        for (Map.Entry<String, List<String>> param : request.getPostParams().entrySet()) {
            for (String value : param.getValue()) {
                rewritten.addPostParam(param.getKey(), value);
            }
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                rewritten.addHeaderParam(header.getKey(), value);
            }
        }
        rewritten.setContentType(request.getContentType());
        if (request.getBody() != null) {
            rewritten.setBody(request.getBody());
        }
        return network.makeRequest(rewritten);
    }
}
