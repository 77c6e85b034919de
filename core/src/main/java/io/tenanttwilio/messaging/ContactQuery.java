package io.tenanttwilio.messaging;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.internal.text.Problems;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which of a tenant's contacts to list, and which page: all of them, or those whose name starts
 * with what was typed (ignoring case and accents: {@code "emi"} finds Émilie), or whose number
 * starts with some digits, or both. Contacts are listed by number, or by name when a name is
 * searched; each search is a range of an index, never a scan of the tenant's contacts.
 *
 * <pre>{@code
 * client.contacts(ContactQuery.all());
 * client.contacts(ContactQuery.search(typedInTheSearchBox));       // digits: a number, otherwise a name
 * client.contacts(ContactQuery.all().nameStartingWith("Trem").numberStartingWith("1 418"));
 * }</pre>
 *
 * <p>Digits are those of the international form, country code first: {@code "1 581 500"} finds
 * +1 581-500-…; spaces, dashes, dots, parentheses and a leading {@code +} are ignored.
 *
 * <p>Each method returns a changed copy. Immutable and thread-safe; {@link #toString()} shows
 * neither the name nor the digits searched.
 */
public final class ContactQuery {

    /** The longest name, and name searched for. */
    public static final int MAX_NAME_LENGTH = 200;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern CONTROLS = Pattern.compile("\\p{Cc}+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?[0-9\\s().\\-]*[0-9][0-9\\s().\\-]*");

    private final @Nullable String namePrefix;
    private final @Nullable String numberPrefix;
    private final @Nullable Cursor after;
    private final int limit;

    private ContactQuery(
            @Nullable String namePrefix, @Nullable String numberPrefix, @Nullable Cursor after, int limit) {
        this.namePrefix = namePrefix;
        this.numberPrefix = numberPrefix;
        this.after = after;
        this.limit = limit;
    }

    /**
     * Every contact of the tenant, by number, in pages of {@value Page#DEFAULT_SIZE}.
     *
     * @return the query of the first page
     */
    public static ContactQuery all() {
        return new ContactQuery(null, null, null, Page.DEFAULT_SIZE);
    }

    /**
     * What a search box received: digits (with the separators people type) search numbers,
     * anything else names; blank lists every contact.
     *
     * @param typed the text as typed
     * @return the query of the first page
     * @throws TenantTwilioException as {@link #nameStartingWith} and {@link #numberStartingWith}
     */
    public static ContactQuery search(String typed) {
        String text = Objects.requireNonNull(typed, "typed").strip();
        if (text.isEmpty()) {
            return all();
        }
        return NUMBER_LIKE.matcher(text).matches() ? all().numberStartingWith(text) : all().nameStartingWith(text);
    }

    /**
     * Only the contacts whose name starts with {@code prefix}, ignoring case, accents and repeated
     * spaces; they are then listed by name. Contacts without a name are not found this way.
     *
     * @param prefix the start of the name, as typed
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when {@code prefix} has no
     *     letter or digit, or more than {@value #MAX_NAME_LENGTH} characters
     */
    public ContactQuery nameStartingWith(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String key = prefix.length() > MAX_NAME_LENGTH ? "" : nameKey(prefix);
        if (key.isEmpty()) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .detail("contacts.name", MAX_NAME_LENGTH)
                    .build();
        }
        return new ContactQuery(key, numberPrefix, after, limit);
    }

    /**
     * Only the contacts whose number, in international form, starts with {@code digits}.
     *
     * @param digits the start of the number, country code first ({@code "1 581 500"})
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} unless {@code digits} has 1
     *     to 15 digits (besides spaces, dashes, dots, parentheses and a leading {@code +})
     */
    public ContactQuery numberStartingWith(String digits) {
        Objects.requireNonNull(digits, "digits");
        String bare = SEPARATORS.matcher(digits.strip()).replaceAll("");
        if (bare.startsWith("+")) {
            bare = bare.substring(1);
        }
        if (!DIGITS.matcher(bare).matches()) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .detail("contacts.digits")
                    .build();
        }
        return new ContactQuery(namePrefix, "+" + bare, after, limit);
    }

    /**
     * The page after {@code cursor}.
     *
     * @param cursor the previous page's {@linkplain Page#nextCursor() cursor}; {@code null}: the
     *     first page
     * @return the changed query
     */
    public ContactQuery after(@Nullable Cursor cursor) {
        return new ContactQuery(namePrefix, numberPrefix, cursor, limit);
    }

    /**
     * The page after the cursor of this text (from a URL); {@code null} or blank: the first page.
     *
     * @param cursor the text of a cursor, as {@link Cursor#toString()} wrote it
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when it is not a cursor's text
     */
    public ContactQuery after(@Nullable String cursor) {
        return after(Paging.cursor(cursor));
    }

    /**
     * Pages of {@code size} contacts ({@value Page#DEFAULT_SIZE} unless said).
     *
     * @param size how many contacts a page has at most
     * @return the changed query
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} outside 1 to {@value
     *     Page#MAX_SIZE}
     */
    public ContactQuery limit(int size) {
        return new ContactQuery(namePrefix, numberPrefix, after, Paging.size(size));
    }

    /**
     * The start of the names searched, in the form of {@link #nameKey}; when present, contacts are
     * listed by that form of their name, then by id.
     *
     * @return the prefix of the {@link #nameKey} of the names; empty: names are not searched
     */
    public Optional<String> namePrefix() {
        return Optional.ofNullable(namePrefix);
    }

    /**
     * The start of the numbers searched, in E.164 form ({@code "+1581"}); contacts are listed by
     * number unless a name is searched too.
     *
     * @return the prefix; empty: numbers are not searched
     */
    public Optional<String> numberPrefix() {
        return Optional.ofNullable(numberPrefix);
    }

    /** {@return where the page starts: after this cursor; empty: the first page} */
    public Optional<Cursor> after() {
        return Optional.ofNullable(after);
    }

    /** {@return the most contacts a page has} */
    public int limit() {
        return limit;
    }

    /**
     * The form of a name that searches compare (stores keep it beside the name): accents and case
     * removed, control characters taken as spaces, spaces collapsed and trimmed, cut to {@value
     * #MAX_NAME_LENGTH} characters; {@code "  Émilie  TREMBLAY"} is {@code "emilie tremblay"}.
     *
     * @param name a name, or the start of one
     * @return its search form; empty when nothing of it is left
     */
    public static String nameKey(String name) {
        String lower = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        String key =
                MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
        key = SPACES.matcher(CONTROLS.matcher(key).replaceAll(" "))
                .replaceAll(" ")
                .strip();
        if (key.length() > MAX_NAME_LENGTH) {
            int end =
                    Character.isHighSurrogate(key.charAt(MAX_NAME_LENGTH - 1)) ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
            key = key.substring(0, end).strip();
        }
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContactQuery q
                && Objects.equals(q.namePrefix, namePrefix)
                && Objects.equals(q.numberPrefix, numberPrefix)
                && Objects.equals(q.after, after)
                && q.limit == limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(namePrefix, numberPrefix, after, limit);
    }

    @Override
    public String toString() {
        return "ContactQuery[" + (namePrefix == null ? "by number" : "by name")
                + (numberPrefix == null ? "" : ", some digits") + (after == null ? "" : ", after") + ", limit=" + limit
                + "]";
    }
}
