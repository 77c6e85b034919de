package io.tenanttwilio.test.simulator;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets WireMock serve the simulator: every request goes to the control API or the engine, and
 * the engine's answer (or fault) becomes WireMock's response.
 */
final class WireMockBridge implements ResponseDefinitionTransformerV2 {

    private final SimulatorEngine engine;
    private final ControlApi control;

    WireMockBridge(SimulatorEngine engine, ControlApi control) {
        this.engine = engine;
        this.control = control;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), header.firstValue());
        }
        SimRequest simRequest =
                SimRequest.of(request.getMethod().getName(), request.getUrl(), headers, request.getBody());
        SimResponse response = simRequest.path().startsWith(ControlApi.PREFIX)
                ? control.handle(simRequest)
                : simRequest.path().startsWith(SimulatorEngine.MEDIA_STORAGE)
                        ? engine.storedMedia(simRequest.path())
                        : engine.handle(simRequest);
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition();
        if (response.fault() == SimResponse.Fault.CONNECTION_RESET) {
            builder.withFault(Fault.CONNECTION_RESET_BY_PEER);
        } else {
            builder.withStatus(response.status());
            if (!response.contentType().isEmpty()) {
                builder.withHeader("Content-Type", response.contentType());
            }
            response.headers().forEach(builder::withHeader);
            if (response.binary().length > 0) {
                builder.withBody(response.binary());
            } else if (!response.body().isEmpty()) {
                builder.withBody(response.body());
            }
        }
        if (response.delayMillis() > 0) {
            builder.withFixedDelay((int) Math.min(Integer.MAX_VALUE, response.delayMillis()));
        }
        return builder.build();
    }

    @Override
    public String getName() {
        return "tenant-twilio-simulator";
    }
}
