package io.tenanttwilio;

import io.tenanttwilio.internal.support.Paging;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a listing goes on: taken from a page ({@link Page#nextCursor()}) and given to the query
 * of the next one. Its text ({@link #toString()}) is opaque and URL-safe (letters, digits,
 * {@code -} and {@code _}), so that a web page can link to the next page:
 *
 * <pre>{@code
 * Page<Conversation> inbox = client.conversations(ConversationQuery.open().after(request.getParameter("after")));
 * inbox.nextCursor().ifPresent(next -> model.addAttribute("after", next.toString()));
 * }</pre>
 *
 * <p>A cursor holds the position of the last row of a page, not an offset: the next page starts
 * right after that row (a keyset), so it costs what the first page costs, and rows added or
 * removed meanwhile neither shift nor repeat the rows that follow. It names no tenant and needs
 * not: every listing is confined to its tenant, so a cursor taken from another tenant's pages
 * shows none of that tenant's rows. Text that is not a cursor (cut, altered, made up) is refused
 * by {@link #parse} with {@link ErrorCode#INVALID_REQUEST}, whose translated message invites to
 * start again from the first page.
 *
 * <p>For implementations of the SPI: a store makes the cursor of a page's last row with {@link
 * #of(Instant, String)} (a listing ordered by a time, then by id) or {@link #of(String)} (a
 * listing where the row's id alone finds the row's place again), and reads the cursor of a query
 * with {@link #time()} and {@link #id()}. A cursor whose id a store cannot have made is refused
 * the same way, with {@link ErrorCode#INVALID_REQUEST}.
 *
 * <p>Immutable and thread-safe; equal when their texts are.
 */
public final class Cursor {

    /** The longest text {@link #parse} reads. */
    private static final int MAX_TEXT = 400;

    /** The longest id a cursor carries. */
    private static final int MAX_ID = 128;

    /** The times a cursor may carry: what every database can compare a timestamp with. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final char VERSION = '1';
    private static final char TIMED = 't';
    private static final char ID_ONLY = 'i';

    private final @Nullable Instant time;
    private final String id;
    private final String text;

    private Cursor(@Nullable Instant time, String id) {
        this.time = time;
        this.id = id;
        String payload = time == null
                ? "" + VERSION + ID_ONLY + id
                : "" + VERSION + TIMED + time.getEpochSecond() + '.' + time.getNano() + ':' + id;
        this.text = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor whose text is {@code text} (as {@link #toString()} gave it).
     *
     * @param text the text of a cursor, as {@link #toString()} gave it
     * @return the cursor
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when {@code text} is not the
     *     text of a cursor
     */
    public static Cursor parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw Paging.invalidCursor();
        }
        String payload;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            payload = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw Paging.invalidCursor();
        }
        Cursor cursor = decode(payload);
        if (cursor == null || !cursor.text.equals(text)) {
            throw Paging.invalidCursor(); // another spelling of the same bytes is not ours either
        }
        return cursor;
    }

    private static @Nullable Cursor decode(String payload) {
        if (payload.length() < 3 || payload.charAt(0) != VERSION) {
            return null;
        }
        if (payload.charAt(1) == ID_ONLY) {
            String id = payload.substring(2);
            return isId(id) ? new Cursor(null, id) : null;
        }
        if (payload.charAt(1) != TIMED) {
            return null;
        }
        int dot = payload.indexOf('.');
        int colon = payload.indexOf(':', Math.max(dot, 0));
        if (dot < 3 || colon < 0) {
            return null;
        }
        String id = payload.substring(colon + 1);
        try {
            long seconds = Long.parseLong(payload.substring(2, dot));
            int nanos = Integer.parseInt(payload.substring(dot + 1, colon));
            if (nanos < 0 || nanos > 999_999_999 || !isId(id)) {
                return null;
            }
            Instant time = Instant.ofEpochSecond(seconds, nanos);
            return time.isBefore(EARLIEST) || time.isAfter(LATEST) ? null : new Cursor(time, id);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static boolean isId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * For stores: the cursor after a row of a listing ordered by a time, then by id (its last
     * message, its creation).
     *
     * @param time the time the listing is ordered by, of the row the next page comes after
     * @param id the id of that row, which breaks ties between rows of the same time
     * @return the cursor
     * @throws IllegalArgumentException when {@code time} is not within the years 1 to 9999, or
     *     {@code id} is empty, longer than 128 characters or has control characters
     */
    public static Cursor of(Instant time, String id) {
        Objects.requireNonNull(time, "time");
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new IllegalArgumentException("A cursor's time is within the years 1 to 9999");
        }
        return new Cursor(time, checkedId(id));
    }

    /**
     * For stores: the cursor after a row of a listing in which the row's id is enough to find
     * its place again (its sort key does not change, or is read back by id).
     *
     * @param id the id of the row the next page comes after
     * @return the cursor
     * @throws IllegalArgumentException as {@link #of(Instant, String)}
     */
    public static Cursor of(String id) {
        return new Cursor(null, checkedId(id));
    }

    private static String checkedId(String id) {
        Objects.requireNonNull(id, "id");
        if (!isId(id)) {
            throw new IllegalArgumentException("A cursor's id has 1 to " + MAX_ID + " characters, none a control one");
        }
        return id;
    }

    /**
     * For stores: the time of the row this cursor is after.
     *
     * @return the time given to {@link #of(Instant, String)}
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when the cursor has none: it
     *     was taken from a listing that is not ordered by time
     */
    public Instant time() {
        if (time == null) {
            throw Paging.invalidCursor();
        }
        return time;
    }

    /** {@return for stores: the id of the row this cursor is after} */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cursor && ((Cursor) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** {@return the cursor's text, for a URL or a form; {@link #parse} reads it back} */
    @Override
    public String toString() {
        return text;
    }
}
