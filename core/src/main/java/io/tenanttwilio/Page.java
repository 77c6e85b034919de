package io.tenanttwilio;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing (conversations, messages, contacts, the audit trail), and the cursor of
 * the next one. Two ways to use it:
 *
 * <pre>{@code
 * // Everything, page after page, each fetched when the loop reaches it:
 * for (Conversation c : client.conversations(ConversationQuery.open()).all()) { … }
 *
 * // One page per request, for a web page with a "next" link:
 * Page<Conversation> page = client.conversations(ConversationQuery.open().after(request.getParameter("after")));
 * model.addAttribute("conversations", page.items());
 * model.addAttribute("after", page.nextCursor().map(Cursor::toString).orElse(null));
 * }</pre>
 *
 * <p>A page has at most the query's size ({@value #DEFAULT_SIZE} unless asked otherwise, {@value
 * #MAX_SIZE} at most). Immutable and thread-safe; {@link #toString()} counts the items without
 * showing them.
 *
 * @param <T> the type of the items
 */
public final class Page<T> {

    /** The size of a page when the query does not say. */
    public static final int DEFAULT_SIZE = 50;

    /** The largest page a query may ask for. */
    public static final int MAX_SIZE = 500;

    private final List<T> items;
    private final @Nullable Cursor next;
    private final @Nullable Function<Cursor, Page<T>> following;

    private Page(List<T> items, @Nullable Cursor next, @Nullable Function<Cursor, Page<T>> following) {
        this.items = List.copyOf(items);
        this.next = next;
        this.following = following;
    }

    /**
     * A page of {@code items}, followed by the page after {@code next} ({@code null}: the last
     * page); what a store returns. Its {@link #all()} cannot fetch the pages that follow.
     *
     * @param items the items, in the listing's order (copied)
     * @param next the cursor of the next page; {@code null} on the last page
     * @param <T> the type of the items
     * @return the page
     */
    public static <T> Page<T> of(List<T> items, @Nullable Cursor next) {
        return new Page<>(Objects.requireNonNull(items, "items"), next, null);
    }

    /**
     * A page of {@code items} whose {@link #all()} fetches the pages that follow with {@code
     * following}, given the cursor of each (a client's pages are made so).
     *
     * @param items the items, in the listing's order (copied)
     * @param next the cursor of the next page; {@code null} on the last page
     * @param following fetches the page after a cursor
     * @param <T> the type of the items
     * @return the page
     */
    public static <T> Page<T> of(List<T> items, @Nullable Cursor next, Function<Cursor, Page<T>> following) {
        return new Page<>(Objects.requireNonNull(items, "items"), next, Objects.requireNonNull(following, "following"));
    }

    /** {@return the items of this page, in the listing's order (unmodifiable; empty if none)} */
    public List<T> items() {
        return items;
    }

    /** {@return the cursor of the next page; empty on the last page} */
    public Optional<Cursor> nextCursor() {
        return Optional.ofNullable(next);
    }

    /** {@return whether a page follows this one} */
    public boolean hasNext() {
        return next != null;
    }

    /**
     * The items of this page, then of every page that follows, each page fetched when the
     * iteration reaches it (so a loop that stops early fetches no more). Each iteration starts again
     * from this page. A failure to fetch a page is thrown by the iterator, as the query would throw
     * it.
     *
     * @return the items of this page and of those that follow
     * @throws IllegalStateException from the iterator, when a page follows but this page cannot
     *     fetch it (a page made by {@link #of(List, Cursor)}: walk it with {@link #nextCursor()})
     */
    public Iterable<T> all() {
        return () -> new Iterator<T>() {
            private Page<T> page = Page.this;
            private int index;

            @Override
            public boolean hasNext() {
                while (index >= page.items.size()) {
                    Cursor cursor = page.next;
                    if (cursor == null) {
                        return false;
                    }
                    if (page.following == null) {
                        throw new IllegalStateException("This page cannot fetch the next one: use nextCursor()");
                    }
                    Page<T> fetched = page.following.apply(cursor);
                    if (cursor.equals(fetched.next)) {
                        throw new IllegalStateException("The page after a cursor gave the same cursor again");
                    }
                    page = fetched;
                    index = 0;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.items.get(index++);
            }
        };
    }

    /** Equal when the items and the next cursor are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Page<?> page && page.items.equals(items) && Objects.equals(page.next, next);
    }

    @Override
    public int hashCode() {
        return items.hashCode() * 31 + Objects.hashCode(next);
    }

    @Override
    public String toString() {
        return "Page[" + items.size() + (items.size() == 1 ? " item" : " items") + (next == null ? "]" : ", more]");
    }
}
