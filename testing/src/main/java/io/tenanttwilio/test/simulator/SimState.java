package io.tenanttwilio.test.simulator;

import io.tenanttwilio.test.leaks.LeakCanaries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The simulator's mutable records; guarded by the engine's lock. */
final class SimState {

    private SimState() {}

    static final class Account {
        String sid;
        String authToken;

        @Nullable
        String secondaryAuthToken;

        String friendlyName;
        String status = "active";
        String type = "Full";

        @Nullable
        String ownerSid;

        BigDecimal balance;
        final String testSid;
        final String testToken;
        Instant created;
        Instant updated;
        final Map<String, Key> keys = new LinkedHashMap<>();
        final Set<String> verifiedCallerIds = new HashSet<>();
        final Set<String> blockedCountries = new HashSet<>();

        Account(
                String sid,
                String authToken,
                String testSid,
                String testToken,
                String friendlyName,
                @Nullable String ownerSid,
                BigDecimal balance,
                Instant now) {
            this.sid = sid;
            this.authToken = authToken;
            LeakCanaries.register(authToken);
            LeakCanaries.register(testToken);
            this.testSid = testSid;
            this.testToken = testToken;
            this.friendlyName = friendlyName;
            this.ownerSid = ownerSid;
            this.balance = balance;
            this.created = now;
            this.updated = now;
        }

        /** The account whose balance pays: the owner of a subaccount, else itself. */
        String billingSid() {
            return ownerSid != null ? ownerSid : sid;
        }

        boolean isActive() {
            return "active".equals(status);
        }
    }

    static final class Key {
        final String sid;
        final String secret;
        final String accountSid;
        String friendlyName;
        final Instant created;
        Instant updated;

        Key(String sid, String secret, String accountSid, String friendlyName, Instant now) {
            this.sid = sid;
            this.secret = secret;
            LeakCanaries.register(secret);
            this.accountSid = accountSid;
            this.friendlyName = friendlyName;
            this.created = now;
            this.updated = now;
        }
    }

    static final class Number {
        final String sid;
        String accountSid;
        final String phoneNumber;
        String friendlyName;
        final NumberType type;
        final String isoCountry;
        final String addressRequirements;
        final boolean voice;
        final boolean sms;
        final boolean mms;
        final BigDecimal monthlyPrice;
        String smsUrl = "";
        String smsMethod = "POST";
        String smsFallbackUrl = "";
        String smsFallbackMethod = "POST";
        String smsApplicationSid = "";
        String statusCallback = "";
        String statusCallbackMethod = "POST";
        String voiceUrl = "";
        String voiceMethod = "POST";
        String voiceFallbackUrl = "";
        String voiceFallbackMethod = "POST";
        String voiceApplicationSid = "";

        @Nullable
        String addressSid;

        @Nullable
        String bundleSid;

        final Instant created;
        Instant updated;

        Number(String sid, String accountSid, InventoryNumber inventory, String friendlyName, Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.phoneNumber = inventory.phoneNumber();
            this.friendlyName = friendlyName;
            this.type = inventory.type();
            this.isoCountry = inventory.isoCountry();
            this.addressRequirements = inventory.addressRequirements();
            this.voice = inventory.voice();
            this.sms = inventory.sms();
            this.mms = inventory.mms();
            this.monthlyPrice = inventory.monthlyPrice();
            this.created = now;
            this.updated = now;
        }

        SimulatedNumber snapshot() {
            return new SimulatedNumber(
                    sid,
                    accountSid,
                    phoneNumber,
                    friendlyName,
                    type,
                    isoCountry,
                    smsUrl,
                    smsMethod,
                    smsFallbackUrl,
                    statusCallback,
                    smsApplicationSid,
                    voice,
                    sms,
                    mms,
                    created,
                    updated);
        }
    }

    static final class Message {
        final String sid;
        final String accountSid;
        final String direction;
        final String from;
        final String to;
        String body;
        final List<String> mediaUrls;
        final List<String> mediaContentTypes;
        String status;

        @Nullable
        Integer errorCode;

        @Nullable
        String errorMessage;

        final int segments;

        @Nullable
        BigDecimal price;

        final BigDecimal cost;
        final @Nullable String messagingServiceSid;
        final @Nullable String statusCallback;
        final Instant created;

        @Nullable
        Instant sent;

        /** When it left its sender's queue (carrier pacing) or its SendAt came, if it did. */
        @Nullable
        Instant leftQueue;

        Instant updated;

        Message(
                String sid,
                String accountSid,
                String direction,
                String from,
                String to,
                String body,
                List<String> mediaUrls,
                List<String> mediaContentTypes,
                String status,
                int segments,
                BigDecimal cost,
                @Nullable String messagingServiceSid,
                @Nullable String statusCallback,
                Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.direction = direction;
            this.from = from;
            this.to = to;
            this.body = body;
            this.mediaUrls = List.copyOf(mediaUrls);
            this.mediaContentTypes = List.copyOf(mediaContentTypes);
            this.status = status;
            this.segments = segments;
            this.cost = cost;
            this.messagingServiceSid = messagingServiceSid;
            this.statusCallback = statusCallback;
            this.created = now;
            this.updated = now;
        }

        SimulatedMessage snapshot() {
            return new SimulatedMessage(
                    sid,
                    accountSid,
                    direction,
                    from,
                    to,
                    body,
                    mediaUrls,
                    status,
                    errorCode,
                    segments,
                    price,
                    messagingServiceSid,
                    statusCallback,
                    created,
                    leftQueue != null ? leftQueue : sent);
        }
    }

    static final class Service {
        final String sid;
        final String accountSid;
        String friendlyName;
        String inboundRequestUrl = "";
        String inboundMethod = "POST";
        String fallbackUrl = "";
        String statusCallback = "";
        boolean useInboundWebhookOnNumber;
        boolean advancedOptOut;
        final List<String> numberSids = new ArrayList<>();
        final Instant created;
        Instant updated;

        Service(String sid, String accountSid, String friendlyName, Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.friendlyName = friendlyName;
            this.created = now;
            this.updated = now;
        }
    }

    static final class Application {
        final String sid;
        final String accountSid;
        String friendlyName;
        String smsUrl = "";
        String smsMethod = "POST";
        String smsFallbackUrl = "";
        String smsFallbackMethod = "POST";
        String smsStatusCallback = "";
        String statusCallback = "";
        String messageStatusCallback = "";
        final Instant created;
        Instant updated;

        Application(String sid, String accountSid, String friendlyName, Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.friendlyName = friendlyName;
            this.created = now;
            this.updated = now;
        }
    }
}
