package io.tenanttwilio.test.simulator;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The numbers for sale: a seeded, deterministic inventory per country and type. Bought numbers
 * leave it; released ones come back.
 */
final class Inventory {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final BigDecimal LOCAL_PRICE = new BigDecimal("1.15");
    private static final BigDecimal TOLL_FREE_PRICE = new BigDecimal("2.15");
    private static final BigDecimal MOBILE_PRICE = new BigDecimal("1.50");
    private static final int PER_LOCALITY = 30;

    /** Where numbers come from: a country, a type, digits every number starts with, a place. */
    private record Area(
            String country,
            NumberType type,
            String prefix,
            int nationalLength,
            @Nullable String locality,
            @Nullable String region,
            @Nullable String postalCode,
            @Nullable String lata,
            double latitude,
            double longitude,
            String addressRequirements,
            boolean sms,
            boolean mms) {}

    private static final List<Area> AREAS = List.of(
            nanp("CA", "418", "Québec", "QC", "G1R 4P5", null, 46.8139, -71.2080),
            nanp("CA", "418", "Lévis", "QC", "G6V 6N5", null, 46.8033, -71.1779),
            nanp("CA", "418", "Rimouski", "QC", "G5L 1W5", null, 48.4490, -68.5230),
            nanp("CA", "581", "Québec", "QC", "G1K 3G2", null, 46.8139, -71.2080),
            nanp("CA", "514", "Montréal", "QC", "H2X 1Y4", null, 45.5019, -73.5674),
            nanp("CA", "438", "Montréal", "QC", "H2J 3K5", null, 45.5019, -73.5674),
            nanp("CA", "450", "Laval", "QC", "H7N 5H9", null, 45.5700, -73.7200),
            nanp("CA", "450", "Longueuil", "QC", "J4K 2T5", null, 45.5312, -73.5181),
            nanp("CA", "819", "Sherbrooke", "QC", "J1H 1Z3", null, 45.4042, -71.8929),
            nanp("CA", "819", "Gatineau", "QC", "J8Y 3Y7", null, 45.4765, -75.7013),
            nanp("CA", "819", "Trois-Rivières", "QC", "G9A 5H3", null, 46.3432, -72.5432),
            nanp("CA", "416", "Toronto", "ON", "M5V 2T6", null, 43.6532, -79.3832),
            nanp("CA", "613", "Ottawa", "ON", "K1P 1J1", null, 45.4215, -75.6972),
            nanp("CA", "604", "Vancouver", "BC", "V6B 1A1", null, 49.2827, -123.1207),
            nanp("US", "212", "New York", "NY", "10001", "132", 40.7128, -74.0060),
            nanp("US", "415", "San Francisco", "CA", "94103", "722", 37.7749, -122.4194),
            nanp("US", "305", "Miami", "FL", "33130", "460", 25.7617, -80.1918),
            nanp("US", "312", "Chicago", "IL", "60601", "358", 41.8781, -87.6298),
            nanp("US", "617", "Boston", "MA", "02108", "128", 42.3601, -71.0589),
            nanp("US", "206", "Seattle", "WA", "98101", "674", 47.6062, -122.3321),
            // NANP toll-free codes are shared by the US and Canada: both sell all seven.
            tollFree("CA", "800"),
            tollFree("CA", "833"),
            tollFree("CA", "844"),
            tollFree("CA", "855"),
            tollFree("CA", "866"),
            tollFree("CA", "877"),
            tollFree("CA", "888"),
            tollFree("US", "800"),
            tollFree("US", "833"),
            tollFree("US", "844"),
            tollFree("US", "855"),
            tollFree("US", "866"),
            tollFree("US", "877"),
            tollFree("US", "888"),
            new Area(
                    "GB",
                    NumberType.LOCAL,
                    "207",
                    10,
                    "London",
                    "London",
                    "EC1A 1BB",
                    null,
                    51.5072,
                    -0.1276,
                    "any",
                    false,
                    false),
            new Area(
                    "GB",
                    NumberType.LOCAL,
                    "161",
                    10,
                    "Manchester",
                    "Manchester",
                    "M1 1AE",
                    null,
                    53.4808,
                    -2.2426,
                    "any",
                    false,
                    false),
            new Area("GB", NumberType.MOBILE, "74", 10, null, null, null, null, 0, 0, "none", true, false),
            new Area(
                    "FR",
                    NumberType.LOCAL,
                    "1",
                    9,
                    "Paris",
                    "Île-de-France",
                    "75001",
                    null,
                    48.8566,
                    2.3522,
                    "local",
                    false,
                    false),
            new Area(
                    "FR",
                    NumberType.LOCAL,
                    "47",
                    9,
                    "Lyon",
                    "Auvergne-Rhône-Alpes",
                    "69001",
                    null,
                    45.7640,
                    4.8357,
                    "local",
                    false,
                    false),
            new Area("FR", NumberType.MOBILE, "6", 9, null, null, null, null, 0, 0, "any", true, false),
            new Area(
                    "DE",
                    NumberType.LOCAL,
                    "30",
                    10,
                    "Berlin",
                    "Berlin",
                    "10115",
                    null,
                    52.5200,
                    13.4050,
                    "local",
                    false,
                    false),
            new Area("DE", NumberType.MOBILE, "151", 11, null, null, null, null, 0, 0, "any", true, false),
            new Area(
                    "AU",
                    NumberType.LOCAL,
                    "29",
                    9,
                    "Sydney",
                    "NSW",
                    "2000",
                    null,
                    -33.8688,
                    151.2093,
                    "any",
                    false,
                    false),
            new Area("AU", NumberType.MOBILE, "4", 9, null, null, null, null, 0, 0, "any", true, false),
            new Area(
                    "MX",
                    NumberType.LOCAL,
                    "55",
                    10,
                    "Ciudad de México",
                    "CDMX",
                    "06000",
                    null,
                    19.4326,
                    -99.1332,
                    "any",
                    true,
                    false));

    private final Map<String, List<InventoryNumber>> byCountryAndType = new LinkedHashMap<>();
    private final Map<String, InventoryNumber> all = new LinkedHashMap<>();
    private final Set<String> sold = new HashSet<>();

    Inventory(long seed) {
        for (Area area : AREAS) {
            SplittableRandom random = new SplittableRandom(Sids.mix(seed
                    ^ area.country.hashCode()
                    ^ ((long) area.prefix.hashCode() << 20)
                    ^ ((long) String.valueOf(area.locality).hashCode() << 40)));
            List<InventoryNumber> numbers =
                    byCountryAndType.computeIfAbsent(key(area.country, area.type), k -> new ArrayList<>());
            int made = 0;
            for (int attempt = 0; made < PER_LOCALITY && attempt < PER_LOCALITY * 50; attempt++) {
                InventoryNumber number = generate(area, random, made);
                if (number != null && !all.containsKey(number.phoneNumber())) {
                    all.put(number.phoneNumber(), number);
                    numbers.add(number);
                    made++;
                }
            }
        }
        for (List<InventoryNumber> numbers : byCountryAndType.values()) {
            Collections.shuffle(numbers, new java.util.Random(seed ^ numbers.size()));
        }
    }

    private static Area nanp(
            String country,
            String areaCode,
            String locality,
            String region,
            String postalCode,
            @Nullable String lata,
            double latitude,
            double longitude) {
        return new Area(
                country,
                NumberType.LOCAL,
                areaCode,
                10,
                locality,
                region,
                postalCode,
                lata,
                latitude,
                longitude,
                "none",
                true,
                true);
    }

    private static Area tollFree(String country, String prefix) {
        return new Area(country, NumberType.TOLL_FREE, prefix, 10, null, null, null, null, 0, 0, "none", true, true);
    }

    private static @Nullable InventoryNumber generate(Area area, SplittableRandom random, int index) {
        StringBuilder national = new StringBuilder(area.prefix);
        boolean nanp = area.country.equals("CA") || area.country.equals("US");
        if (nanp) {
            int exchange = 200 + random.nextInt(800);
            if (exchange % 100 == 11 || exchange == 555 || exchange == 950 || exchange == 976) {
                return null;
            }
            national.append(exchange);
        }
        while (national.length() < area.nationalLength) {
            national.append(random.nextInt(10));
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(national.toString(), area.country);
        } catch (NumberParseException e) {
            return null;
        }
        if (!UTIL.isValidNumber(parsed) || !typeMatches(area.type, UTIL.getNumberType(parsed))) {
            return null;
        }
        if (area.type != NumberType.TOLL_FREE && !area.country.equals(UTIL.getRegionCodeForNumber(parsed))) {
            return null;
        }
        String e164 = UTIL.format(parsed, PhoneNumberFormat.E164);
        String friendly = nanp ? UTIL.format(parsed, PhoneNumberFormat.NATIONAL) : e164;
        // A few numbers without MMS, and a rare one without SMS, so capability filters matter.
        boolean sms = area.sms && (index % 11 != 10);
        boolean mms = area.mms && sms && (index % 7 != 6);
        BigDecimal price = area.type == NumberType.TOLL_FREE
                ? TOLL_FREE_PRICE
                : area.type == NumberType.MOBILE ? MOBILE_PRICE : LOCAL_PRICE;
        boolean geographic = area.locality != null;
        return new InventoryNumber(
                e164,
                friendly,
                area.country,
                area.type,
                area.locality,
                area.region,
                area.postalCode,
                geographic ? area.locality.toUpperCase(java.util.Locale.ROOT) : null,
                area.lata,
                geographic ? BigDecimal.valueOf(area.latitude) : null,
                geographic ? BigDecimal.valueOf(area.longitude) : null,
                area.addressRequirements,
                true,
                sms,
                mms,
                price);
    }

    private static boolean typeMatches(NumberType wanted, PhoneNumberType actual) {
        switch (wanted) {
            case LOCAL:
                return EnumSet.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
                        .contains(actual);
            case MOBILE:
                return EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
                        .contains(actual);
            default:
                return actual == PhoneNumberType.TOLL_FREE;
        }
    }

    private static String key(String country, NumberType type) {
        return country + "/" + type;
    }

    /** The numbers still for sale in {@code country} of {@code type}, in inventory order. */
    List<InventoryNumber> available(String country, NumberType type) {
        List<InventoryNumber> result = new ArrayList<>();
        for (InventoryNumber number : byCountryAndType.getOrDefault(key(country, type), List.of())) {
            if (!sold.contains(number.phoneNumber())) {
                result.add(number);
            }
        }
        return result;
    }

    /** Whether the country has any inventory at all. */
    boolean knowsCountry(String country) {
        for (NumberType type : NumberType.values()) {
            if (byCountryAndType.containsKey(key(country, type))) {
                return true;
            }
        }
        return false;
    }

    /** The number if it is for sale. */
    @Nullable
    InventoryNumber forSale(String e164) {
        InventoryNumber number = all.get(e164);
        return number == null || sold.contains(e164) ? null : number;
    }

    /** The inventory entry of a number, sold or not. */
    @Nullable
    InventoryNumber find(String e164) {
        return all.get(e164);
    }

    void markSold(String e164) {
        sold.add(e164);
    }

    void release(String e164) {
        sold.remove(e164);
    }

    void reset() {
        sold.clear();
    }
}
