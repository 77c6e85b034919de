package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;

/**
 * What the kits share: fresh tenants (so tests need no cleanup), times, racing threads, and the
 * walk through a listing's pages.
 */
final class Contracts {

    /** More pages than any kit's listing has: a listing that keeps going loops. */
    private static final int MAX_PAGES = 1_000;

    private Contracts() {}

    /**
     * Every item of a listing, page after page: {@code read} gives the page after a cursor
     * ({@code null}: the first), and the cursor of each page leads to the next.
     */
    static <T> List<T> everyPage(Function<@Nullable Cursor, Page<T>> read) {
        List<T> items = new ArrayList<>();
        Page<T> page = read.apply(null);
        items.addAll(page.items());
        for (int pages = 1; page.hasNext(); pages++) {
            assertThat(pages).as("pages of one listing").isLessThan(MAX_PAGES);
            assertThat(page.items()).as("a page followed by another").isNotEmpty();
            page = read.apply(page.nextCursor().orElseThrow());
            items.addAll(page.items());
        }
        return items;
    }

    /** The error code of the {@link TenantTwilioException} {@code call} throws; it must throw one. */
    static ErrorCode refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(TenantTwilioException.class);
        return ((TenantTwilioException) thrown).errorCode();
    }

    /**
     * The page {@code read} gives, or empty when it refuses with {@link ErrorCode#INVALID_REQUEST}:
     * any other failure fails the test.
     */
    static <T> Optional<Page<T>> pageOrInvalidRequest(Supplier<Page<T>> read) {
        try {
            return Optional.of(read.get());
        } catch (TenantTwilioException e) {
            assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(ErrorCode.INVALID_REQUEST);
            return Optional.empty();
        }
    }

    /** A tenant no other test uses. */
    static TenantId freshTenant(String name) {
        return TenantId.of(name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Now, at the microsecond (what every database keeps). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs {@code task} on {@code threads} threads released at once; returns their results. */
    static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
