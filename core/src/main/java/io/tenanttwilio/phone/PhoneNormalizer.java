package io.tenanttwilio.phone;

import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Turns what people type into valid E.164 phone numbers, reading national numbers in a default
 * region (the tenant's country).
 *
 * <p>It accepts the forms clinic staff and patients actually type — {@code (581) 500-6712},
 * {@code 581.500.6712}, {@code 15815006712}, {@code 1-581-500-6712}, {@code +1 581 500 6712},
 * full-width digits, vanity letters ({@code 1-800-FLOWERS}), and international numbers written
 * with {@code +} or with the region's international prefix ({@code 011 33 1 42 68 53 00} from
 * Canada) — and rejects, with a {@link InvalidPhoneNumberException.Reason reason}, anything that
 * is not a valid number. It never repairs a value by adding digits: a number that is possible but
 * not valid is rejected.
 *
 * <p>An extension ({@code 581-500-6712 ext. 12}, {@code x12}) is accepted and kept in {@link
 * PhoneNumber#extension()}; it is not part of the E.164 form.
 *
 * <pre>{@code
 * PhoneNormalizer normalizer = PhoneNormalizer.forRegion("CA");
 * PhoneNumber patient = normalizer.normalize("(581) 500-6712"); // +15815006712
 *
 * // Migrating an existing table: every row gets a result, no row stops the batch.
 * normalizer.normalizeAll(rows.stream().map(Row::phone))
 *         .forEach(result -> result.phoneNumber()
 *                 .ifPresentOrElse(n -> save(n.e164()), () -> report(result.rejection().get())));
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface PhoneNormalizer {

    /**
     * Returns a normalizer that reads national numbers as numbers of {@code regionCode}.
     *
     * @param regionCode an ISO 3166-1 alpha-2 region ({@code "CA"}, {@code "FR"}), in any case
     * @return the normalizer, immutable and thread-safe
     * @throws IllegalArgumentException when the region has no telephone numbering plan
     */
    static PhoneNormalizer forRegion(String regionCode) {
        Objects.requireNonNull(regionCode, "regionCode");
        return DefaultPhoneNormalizer.forRegion(regionCode);
    }

    /** {@return the region national numbers are read in, upper case ({@code "CA"})} */
    String regionCode();

    /**
     * Returns the phone number {@code raw} denotes.
     *
     * @param raw what was typed, in any usual format, with or without country code; {@code null} is
     *     rejected as empty
     * @return the number
     * @throws InvalidPhoneNumberException ({@link io.tenanttwilio.ErrorCode#INVALID_PHONE_NUMBER})
     *     when {@code raw} is empty or not a valid phone number; its reason says why
     */
    PhoneNumber normalize(@Nullable String raw);

    /**
     * Like {@link #normalize(String)}, but reports a rejection in the result instead of throwing.
     *
     * @param raw what was typed; {@code null} is rejected as empty
     * @return the number, or the reason it was rejected
     */
    NormalizationResult tryNormalize(@Nullable String raw);

    /**
     * Normalizes every value of {@code raw}, lazily and in order, reporting each value's number or
     * the reason it was rejected; a rejected value never stops the stream.
     *
     * @param raw the values, such as a column of an imported file
     * @return one result per value, in the same order
     */
    default Stream<NormalizationResult> normalizeAll(Stream<? extends @Nullable String> raw) {
        return raw.map(this::tryNormalize);
    }
}
