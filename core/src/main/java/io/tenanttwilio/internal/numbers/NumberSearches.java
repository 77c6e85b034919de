package io.tenanttwilio.internal.numbers;

import com.twilio.base.Page;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.LocalReader;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Mobile;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.MobileReader;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFree;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFreeReader;
import com.twilio.type.PhoneNumberCapabilities;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.numbers.AvailableNumber;
import io.tenanttwilio.numbers.NumberSearch;
import io.tenanttwilio.numbers.NumberType;
import io.tenanttwilio.phone.InvalidPhoneNumberException;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The search for numbers to buy, with the tenant's credentials or with credentials not saved yet. */
final class NumberSearches {

    private final TwilioClients clients;
    private final Auditor audit;

    NumberSearches(TwilioClients clients, Auditor audit) {
        this.clients = clients;
        this.audit = audit;
    }

    List<AvailableNumber> search(TenantId tenant, NumberSearch search) {
        return search(tenant, clients.forTenant(tenant), search);
    }

    List<AvailableNumber> search(TwilioCredentials credentials, NumberSearch search) {
        return search(null, clients.forCredentials(credentials), search);
    }

    private List<AvailableNumber> search(@Nullable TenantId tenant, TwilioRestClient client, NumberSearch search) {
        Objects.requireNonNull(search, "search");
        boolean nanp = search.country().equals("US") || search.country().equals("CA");
        String contains = containsPattern(search, nanp);
        int pageSize = search.startsWith().isPresent() || search.endsWith().isPresent()
                ? Math.min(50, search.limit() * 5)
                : search.limit();
        List<AvailableNumber> found;
        try {
            found = TwilioCalls.call(tenant, Operation.READ, () -> fetchAvailable(client, search, contains, pageSize));
        } catch (TenantTwilioException e) {
            audit.failure(AuditAction.NUMBERS_SEARCHED, tenant, null, e, event -> event.detail("search", search));
            throw e;
        }
        List<AvailableNumber> result = new ArrayList<>();
        for (AvailableNumber number : found) {
            String national = nationalDigits(number.phoneNumber());
            if (search.startsWith().map(national::startsWith).orElse(true)
                    && search.endsWith()
                            .map(number.phoneNumber().e164()::endsWith)
                            .orElse(true)) {
                result.add(number);
            }
            if (result.size() == search.limit()) {
                break;
            }
        }
        audit.success(
                AuditAction.NUMBERS_SEARCHED,
                tenant,
                null,
                event -> event.detail("search", search).detail("found", result.size()));
        return result;
    }

    /**
     * Twilio's {@code Contains}: digits anywhere, {@code *} for any digit. For North American
     * numbers a full ten-character pattern anchors "starts with" and "ends with"; the results are
     * filtered again here either way.
     */
    private static @Nullable String containsPattern(NumberSearch search, boolean nanp) {
        if (search.contains().isPresent()) {
            return search.contains().get();
        }
        if (search.startsWith().isPresent()) {
            String digits = search.startsWith().get();
            if (nanp && digits.length() <= 10) {
                return digits + "*".repeat(10 - digits.length());
            }
            return digits.length() >= 2 ? digits : null;
        }
        if (search.endsWith().isPresent()) {
            String digits = search.endsWith().get();
            if (nanp && digits.length() <= 10) {
                return "*".repeat(10 - digits.length()) + digits;
            }
            return digits.length() >= 2 ? digits : null;
        }
        return null;
    }

    private static List<AvailableNumber> fetchAvailable(
            TwilioRestClient client, NumberSearch search, @Nullable String contains, int pageSize) {
        List<AvailableNumber> result = new ArrayList<>();
        Integer areaCode = search.areaCode().map(Integer::valueOf).orElse(null);
        switch (search.type()) {
            case TOLL_FREE: {
                TollFreeReader reader = TollFree.reader(search.country()).setPageSize((long) pageSize);
                if (areaCode != null) {
                    reader.setAreaCode(areaCode);
                }
                search.locality().ifPresent(reader::setInLocality);
                search.region().ifPresent(reader::setInRegion);
                search.postalCode().ifPresent(reader::setInPostalCode);
                capability(search.sms(), reader::setSmsEnabled);
                capability(search.mms(), reader::setMmsEnabled);
                capability(search.voice(), reader::setVoiceEnabled);
                if (contains != null) {
                    reader.setContains(contains);
                }
                Page<TollFree> page = reader.firstPage(client);
                for (TollFree n : page.getRecords()) {
                    add(
                            result,
                            n.getPhoneNumber(),
                            n.getFriendlyName(),
                            n.getIsoCountry(),
                            NumberType.TOLL_FREE,
                            n.getLocality(),
                            n.getRegion(),
                            n.getPostalCode(),
                            n.getCapabilities(),
                            n.getAddressRequirements());
                }
                break;
            }
            case MOBILE: {
                MobileReader reader = Mobile.reader(search.country()).setPageSize((long) pageSize);
                if (areaCode != null) {
                    reader.setAreaCode(areaCode);
                }
                search.locality().ifPresent(reader::setInLocality);
                search.region().ifPresent(reader::setInRegion);
                search.postalCode().ifPresent(reader::setInPostalCode);
                capability(search.sms(), reader::setSmsEnabled);
                capability(search.mms(), reader::setMmsEnabled);
                capability(search.voice(), reader::setVoiceEnabled);
                if (contains != null) {
                    reader.setContains(contains);
                }
                Page<Mobile> page = reader.firstPage(client);
                for (Mobile n : page.getRecords()) {
                    add(
                            result,
                            n.getPhoneNumber(),
                            n.getFriendlyName(),
                            n.getIsoCountry(),
                            NumberType.MOBILE,
                            n.getLocality(),
                            n.getRegion(),
                            n.getPostalCode(),
                            n.getCapabilities(),
                            n.getAddressRequirements());
                }
                break;
            }
            default: {
                LocalReader reader = Local.reader(search.country()).setPageSize((long) pageSize);
                if (areaCode != null) {
                    reader.setAreaCode(areaCode);
                }
                search.locality().ifPresent(reader::setInLocality);
                search.region().ifPresent(reader::setInRegion);
                search.postalCode().ifPresent(reader::setInPostalCode);
                capability(search.sms(), reader::setSmsEnabled);
                capability(search.mms(), reader::setMmsEnabled);
                capability(search.voice(), reader::setVoiceEnabled);
                if (contains != null) {
                    reader.setContains(contains);
                }
                Page<Local> page = reader.firstPage(client);
                for (Local n : page.getRecords()) {
                    add(
                            result,
                            n.getPhoneNumber(),
                            n.getFriendlyName(),
                            n.getIsoCountry(),
                            NumberType.LOCAL,
                            n.getLocality(),
                            n.getRegion(),
                            n.getPostalCode(),
                            n.getCapabilities(),
                            n.getAddressRequirements());
                }
            }
        }
        return result;
    }

    private static void add(
            List<AvailableNumber> result,
            com.twilio.type.@Nullable PhoneNumber number,
            com.twilio.type.@Nullable PhoneNumber friendlyName,
            @Nullable String isoCountry,
            NumberType type,
            @Nullable String locality,
            @Nullable String region,
            @Nullable String postalCode,
            @Nullable PhoneNumberCapabilities capabilities,
            @Nullable String addressRequirements) {
        if (number == null) {
            return;
        }
        PhoneNumber parsed;
        try {
            parsed = PhoneNumber.ofE164(number.getEndpoint());
        } catch (InvalidPhoneNumberException e) {
            return;
        }
        AvailableNumber.Builder available = AvailableNumber.builder()
                .phoneNumber(parsed)
                .type(type)
                .locality(locality)
                .region(region)
                .postalCode(postalCode)
                .sms(capabilities != null && Boolean.TRUE.equals(capabilities.getSms()))
                .mms(capabilities != null && Boolean.TRUE.equals(capabilities.getMms()))
                .voice(capabilities != null && Boolean.TRUE.equals(capabilities.getVoice()))
                .addressRequirement(addressRequirement(addressRequirements));
        if (friendlyName != null) {
            available.displayName(friendlyName.getEndpoint());
        }
        if (isoCountry != null) {
            available.isoCountry(isoCountry);
        }
        result.add(available.build());
    }

    /** Passes a required or excluded capability to Twilio's reader; says nothing of {@code ANY}. */
    private static void capability(NumberSearch.Capability wanted, Consumer<Boolean> setter) {
        if (wanted != NumberSearch.Capability.ANY) {
            setter.accept(wanted == NumberSearch.Capability.REQUIRED);
        }
    }

    private static AvailableNumber.AddressRequirement addressRequirement(@Nullable String value) {
        if (value == null) {
            return AvailableNumber.AddressRequirement.NONE;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "any":
                return AvailableNumber.AddressRequirement.ANY;
            case "local":
                return AvailableNumber.AddressRequirement.LOCAL;
            case "foreign":
                return AvailableNumber.AddressRequirement.FOREIGN;
            default:
                return AvailableNumber.AddressRequirement.NONE;
        }
    }

    private static String nationalDigits(PhoneNumber number) {
        String e164 = number.e164();
        return e164.substring(1 + String.valueOf(number.countryCode()).length());
    }
}
