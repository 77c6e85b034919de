package io.tenanttwilio.test.simulator;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A number the simulator offers for sale, as {@code AvailablePhoneNumbers} lists it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param phoneNumber the E.164 number
 * @param friendlyName the national display form, for example {@code (418) 555-0142}
 * @param isoCountry the ISO country code
 * @param type local, toll-free or mobile
 * @param locality the city, when geographic
 * @param region the state or province code, when geographic
 * @param postalCode a postal code of the locality
 * @param rateCenter the rate center (NANP) or locality in capitals
 * @param lata the LATA (United States only)
 * @param latitude the locality's latitude
 * @param longitude the locality's longitude
 * @param addressRequirements {@code none}, {@code any}, {@code local} or {@code foreign}
 * @param voice whether the number can take calls
 * @param sms whether the number can send and receive SMS
 * @param mms whether the number can send and receive MMS
 * @param monthlyPrice the monthly price in USD, debited at purchase
 */
public record InventoryNumber(
        String phoneNumber,
        String friendlyName,
        String isoCountry,
        NumberType type,
        @Nullable String locality,
        @Nullable String region,
        @Nullable String postalCode,
        @Nullable String rateCenter,
        @Nullable String lata,
        @Nullable BigDecimal latitude,
        @Nullable BigDecimal longitude,
        String addressRequirements,
        boolean voice,
        boolean sms,
        boolean mms,
        BigDecimal monthlyPrice) {}
