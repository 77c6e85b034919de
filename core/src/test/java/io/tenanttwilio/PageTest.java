package io.tenanttwilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PageTest {

    /** The numbers 0 to 9 in pages of three, counting the pages fetched. */
    private final List<Cursor> fetched = new ArrayList<>();

    private Page<Integer> pageAfter(@Nullable Cursor cursor) {
        int from = cursor == null ? 0 : Integer.parseInt(cursor.id()) + 1;
        List<Integer> items = new ArrayList<>();
        for (int i = from; i < Math.min(from + 3, 10); i++) {
            items.add(i);
        }
        Cursor next = from + 3 < 10 ? Cursor.of(Integer.toString(from + 2)) : null;
        Function<Cursor, Page<Integer>> following = c -> {
            fetched.add(c);
            return pageAfter(c);
        };
        return Page.of(items, next, following);
    }

    @Test
    void allWalksEveryFollowingPageInOrder() {
        List<Integer> all = new ArrayList<>();
        for (int i : pageAfter(null).all()) {
            all.add(i);
        }

        assertThat(all).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(fetched).hasSize(3);
    }

    @Test
    void aLoopThatStopsEarlyFetchesNoFurtherPage() {
        for (int i : pageAfter(null).all()) {
            if (i == 3) {
                break;
            }
        }

        assertThat(fetched).hasSize(1);
    }

    @Test
    void eachWalkStartsAgainFromThePage() {
        Page<Integer> first = pageAfter(null);

        assertThat(first.all()).hasSize(10);
        assertThat(first.all()).hasSize(10);
        assertThat(first.items()).containsExactly(0, 1, 2);
    }

    @Test
    void aStoresPageGivesItsCursorButCannotWalkPastItself() {
        Page<String> page = Page.of(List.of("a", "b"), Cursor.of("b"));
        Iterator<String> walk = page.all().iterator();

        assertThat(page.hasNext()).isTrue();
        assertThat(page.nextCursor()).contains(Cursor.of("b"));
        assertThat(walk.next()).isEqualTo("a");
        assertThat(walk.next()).isEqualTo("b");
        assertThatIllegalStateException().isThrownBy(walk::hasNext).withMessageContaining("nextCursor()");
        assertThat(Page.of(List.of("a"), null).all()).containsExactly("a");
    }

    @Test
    void aFollowingPageThatGivesTheSameCursorAgainStopsTheWalk() {
        Cursor stuck = Cursor.of("1");
        Page<String> page = Page.of(List.of("a"), stuck, c -> Page.of(List.of("b"), stuck));

        assertThatIllegalStateException().isThrownBy(() -> page.all().forEach(item -> {}));
    }

    @Test
    void itsItemsCannotBeChangedAndItsTextShowsNone() {
        Page<String> page = Page.of(new ArrayList<>(List.of("Bonjour, votre rendez-vous")), Cursor.of("1"));

        assertThatThrownBy(() -> page.items().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(page).hasToString("Page[1 item, more]");
        assertThat(Page.of(List.of(), null)).hasToString("Page[0 items]");
        assertThat(page).isEqualTo(Page.of(List.of("Bonjour, votre rendez-vous"), Cursor.of("1")));
    }
}
