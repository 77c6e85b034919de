package io.tenanttwilio.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void aGsmMessageTakesOneSegmentUpTo160CharactersThen153Each() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
    }

    @Test
    void extensionCharactersCountTwice() {
        assertThat(SmsSegments.isGsm7("€[]")).isTrue();
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
    }

    @Test
    void oneCharacterOutsideGsmMakesTheWholeMessageUcs2() {
        assertThat(SmsSegments.isGsm7("Rendez-vous à 9 h")).as("à is GSM-7").isTrue();
        assertThat(SmsSegments.isGsm7("Rendez-vous œuvre")).isFalse();
        assertThat(SmsSegments.count("œ".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.count("œ".repeat(71))).isEqualTo(2);
        assertThat(SmsSegments.count("😀".repeat(34)))
                .as("an emoji is two UTF-16 units")
                .isEqualTo(1);
        assertThat(SmsSegments.count("😀".repeat(36))).isEqualTo(2);
    }

    @Test
    void anEmptyBodyOfAnMmsTakesOne() {
        assertThat(SmsSegments.count("")).isEqualTo(1);
    }
}
