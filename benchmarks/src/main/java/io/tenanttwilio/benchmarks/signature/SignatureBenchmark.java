package io.tenanttwilio.benchmarks.signature;

import com.twilio.security.RequestValidator;
import io.tenanttwilio.inbound.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Checking the {@code X-Twilio-Signature} of an inbound SMS webhook: {@link WebhookVerifier}
 * against twilio-java's {@link RequestValidator} (built once, as an application would keep it) and
 * against the floor, one HMAC-SHA1 over the already assembled signed string with a ready key.
 *
 * <p>{@code typical} is the 19 parameters Twilio sends for a one-segment SMS; {@code longBody} the
 * same with a 1,600-character body. The setup checks that both verifiers accept the signature and
 * both reject a tampered one, so a fast wrong answer cannot win.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SignatureBenchmark {

    static final String TOKEN = "5d41402abc4b2a76b9719d911017c592";
    static final String URL = "https://clinic.example/twilio/sms/k3Jd9xQpLm2vTz8wRb4nYc";

    @Param({"typical", "longBody"})
    public String request = "typical";

    private final WebhookVerifier verifier = WebhookVerifier.create();
    private final List<String> tokens = List.of(TOKEN);
    private RequestValidator validator = new RequestValidator(TOKEN);
    private Map<String, List<String>> multiParams = Map.of();
    private Map<String, String> params = Map.of();
    private String signature = "";
    private byte[] signedString = new byte[0];
    private Mac mac = hmac();

    @Setup
    public void setUp() {
        params = inboundSms(request.equals("longBody") ? body(1600) : "Bonjour, je confirme mon rendez-vous.");
        multiParams = new LinkedHashMap<>();
        params.forEach((name, value) -> multiParams.put(name, List.of(value)));
        signature = verifier.sign(TOKEN, URL, multiParams);
        validator = new RequestValidator(TOKEN);
        StringBuilder signed = new StringBuilder(URL);
        new TreeMap<>(params).forEach((name, value) -> signed.append(name).append(value));
        signedString = signed.toString().getBytes(StandardCharsets.UTF_8);
        mac = hmac();
        checkVerdicts();
    }

    @Benchmark
    public boolean ours() {
        return verifier.verify(URL, multiParams, signature, tokens);
    }

    @Benchmark
    public boolean requestValidator() {
        return validator.validate(URL, params, signature);
    }

    @Benchmark
    public byte[] hmacFloor() {
        return mac.doFinal(signedString);
    }

    /** Identical verdicts on the valid signature and on a tampered request. */
    void checkVerdicts() {
        if (!ours() || !requestValidator()) {
            throw new IllegalStateException("a verifier rejects a valid signature");
        }
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("Body", "tampered");
        Map<String, List<String>> tamperedMulti = new LinkedHashMap<>(multiParams);
        tamperedMulti.put("Body", List.of("tampered"));
        if (verifier.verify(URL, tamperedMulti, signature, tokens) || validator.validate(URL, tampered, signature)) {
            throw new IllegalStateException("a verifier accepts a tampered request");
        }
    }

    /** The parameters of an inbound SMS webhook, as Twilio sends them. */
    static Map<String, String> inboundSms(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ToCountry", "CA");
        params.put("ToState", "QC");
        params.put("SmsMessageSid", "SM3c1e0d2f8a7b6c5d4e3f2a1b0c9d8e7f");
        params.put("NumMedia", "0");
        params.put("ToCity", "QUEBEC");
        params.put("FromZip", "");
        params.put("SmsSid", "SM3c1e0d2f8a7b6c5d4e3f2a1b0c9d8e7f");
        params.put("FromState", "QC");
        params.put("SmsStatus", "received");
        params.put("FromCity", "QUEBEC");
        params.put("Body", body);
        params.put("FromCountry", "CA");
        params.put("To", "+14189419686");
        params.put("ToZip", "");
        params.put("NumSegments", body.length() > 160 ? "11" : "1");
        params.put("MessageSid", "SM3c1e0d2f8a7b6c5d4e3f2a1b0c9d8e7f");
        params.put("AccountSid", "AC0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        params.put("From", "+15815006712");
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    static String body(int length) {
        String words = "Bonjour, c'est au sujet du rendez-vous de jeudi à 14 h avec la Dre Tremblay. ";
        StringBuilder body = new StringBuilder(length);
        while (body.length() < length) {
            body.append(words);
        }
        return body.substring(0, length);
    }

    private static Mac hmac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
