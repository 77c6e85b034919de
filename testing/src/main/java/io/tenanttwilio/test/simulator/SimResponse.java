package io.tenanttwilio.test.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer of the simulated API (text or binary), or a fault in its place. */
record SimResponse(
        int status,
        String contentType,
        String body,
        Map<String, String> headers,
        Fault fault,
        long delayMillis,
        byte[] binary) {

    /** What goes wrong on the wire instead of an answer. */
    enum Fault {
        NONE,
        CONNECTION_RESET
    }

    SimResponse(
            int status, String contentType, String body, Map<String, String> headers, Fault fault, long delayMillis) {
        this(status, contentType, body, headers, fault, delayMillis, new byte[0]);
    }

    static SimResponse json(int status, String body) {
        return new SimResponse(status, "application/json", body, new LinkedHashMap<>(), Fault.NONE, 0);
    }

    static SimResponse empty(int status) {
        return new SimResponse(status, "", "", new LinkedHashMap<>(), Fault.NONE, 0);
    }

    static SimResponse bytes(int status, String contentType, byte[] content) {
        return new SimResponse(status, contentType, "", new LinkedHashMap<>(), Fault.NONE, 0, content);
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, contentType, body, copy, fault, delayMillis, binary);
    }

    SimResponse withDelay(long millis) {
        return new SimResponse(status, contentType, body, headers, fault, delayMillis + millis, binary);
    }
}
