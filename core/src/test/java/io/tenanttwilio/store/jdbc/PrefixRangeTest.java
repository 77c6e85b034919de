package io.tenanttwilio.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ends of the index ranges a contact search reads: every key with the prefix, nothing else. */
class PrefixRangeTest {

    @Test
    void aNumbersRangeEndsAtTheNextPrefixInDigitsOnly() {
        assertThat(JdbcContactDirectory.digitsEnd("+1581")).isEqualTo("+1582");
        assertThat(JdbcContactDirectory.digitsEnd("+1599")).isEqualTo("+16");
        assertThat(JdbcContactDirectory.digitsEnd("+1")).isEqualTo("+2");
        assertThat(JdbcContactDirectory.digitsEnd("+999")).isNull();
    }

    @Test
    void aNamesRangeEndsAtTheNextPrefixByCodePoint() {
        assertThat(JdbcContactDirectory.textEnd("mar")).isEqualTo("mas");
        assertThat(JdbcContactDirectory.textEnd("ma ")).isEqualTo("ma!");
        assertThat(JdbcContactDirectory.textEnd("ma\uFFFF")).isEqualTo("mb");
        assertThat(JdbcContactDirectory.textEnd("李")).isEqualTo("杏");
        assertThat(JdbcContactDirectory.textEnd("a\uD83D\uDE00")).isEqualTo("a\uD83D\uDE01");
        assertThat(JdbcContactDirectory.textEnd("\uFFFF")).isNull();
    }

    @Test
    void everyKeyWithThePrefixIsWithinTheRangeAndNoOtherIs() {
        String prefix = "emil";
        String end = JdbcContactDirectory.textEnd(prefix);
        for (String key : new String[] {"emil", "emile roy", "emilie tremblay", "emil\uFFFF", "emil😀"}) {
            assertThat(key.compareTo(prefix) >= 0 && key.compareTo(end) < 0)
                    .as(key)
                    .isTrue();
        }
        for (String key : new String[] {"emi", "emim", "emj", "f", "elisabeth"}) {
            assertThat(key.compareTo(prefix) >= 0 && key.compareTo(end) < 0)
                    .as(key)
                    .isFalse();
        }
    }
}
