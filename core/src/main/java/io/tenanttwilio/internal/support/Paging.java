package io.tenanttwilio.internal.support;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What the queries and the stores share about pages: their size, refused cursors, the last row's cursor. */
public final class Paging {

    private Paging() {}

    /** {@code size}, refused with {@link ErrorCode#INVALID_REQUEST} outside 1 to {@link Page#MAX_SIZE}. */
    public static int size(int size) {
        if (size < 1 || size > Page.MAX_SIZE) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .detail("page.size", size, Page.MAX_SIZE)
                    .build();
        }
        return size;
    }

    /** The refusal of a cursor this SDK did not make, or made for another listing. */
    public static TenantTwilioException invalidCursor() {
        return Problems.builder(ErrorCode.INVALID_REQUEST).detail("page.cursor").build();
    }

    /** {@code token} as a cursor; none when null or blank (the first page). */
    public static @Nullable Cursor cursor(@Nullable String token) {
        return token == null || token.isBlank() ? null : Cursor.parse(token.strip());
    }

    /**
     * The page of {@code rows}, read with a limit of {@code size + 1}: at most {@code size} of
     * them, and when there were more, the cursor of the last one shown.
     */
    public static <T> Page<T> page(List<T> rows, int size, Function<T, Cursor> cursorOf) {
        return page(rows, size, Function.identity(), cursorOf);
    }

    /** {@link #page(List, int, Function)} of rows that are not the items themselves: {@code item} makes each. */
    public static <R, T> Page<T> page(List<R> rows, int size, Function<R, T> item, Function<R, Cursor> cursorOf) {
        List<R> shown = rows.size() <= size ? rows : rows.subList(0, size);
        List<T> items = new ArrayList<>(shown.size());
        for (R row : shown) {
            items.add(item.apply(row));
        }
        return Page.of(items, rows.size() <= size ? null : cursorOf.apply(shown.get(size - 1)));
    }
}
