package io.tenanttwilio.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.numbers.NumberSearch.Capability;
import org.junit.jupiter.api.Test;

class NumberSearchTest {

    @Test
    void wantsSmsCapableNumbersAndLeavesMmsAndVoiceOpenByDefault() {
        NumberSearch search = NumberSearch.builder("ca").build();

        assertThat(search.sms()).isEqualTo(Capability.REQUIRED);
        assertThat(search.mms()).isEqualTo(Capability.ANY);
        assertThat(search.voice()).isEqualTo(Capability.ANY);
        assertThat(search.toString())
                .contains("sms=REQUIRED")
                .doesNotContain("mms")
                .doesNotContain("voice");
    }

    @Test
    void eachCapabilityCanBeRequiredExcludedOrLeftOpen() {
        NumberSearch search = NumberSearch.builder("US")
                .sms(Capability.ANY)
                .mms(Capability.EXCLUDED)
                .voice(Capability.REQUIRED)
                .build();

        assertThat(search.sms()).isEqualTo(Capability.ANY);
        assertThat(search.mms()).isEqualTo(Capability.EXCLUDED);
        assertThat(search.voice()).isEqualTo(Capability.REQUIRED);
        assertThat(search.toString()).doesNotContain("sms").contains("mms=EXCLUDED", "voice=REQUIRED");
    }

    @Test
    void theBooleanShorthandsRequireOrExclude() {
        NumberSearch search = NumberSearch.builder("CA")
                .smsEnabled(false)
                .mmsEnabled(true)
                .voiceEnabled(false)
                .build();

        assertThat(search.sms()).isEqualTo(Capability.EXCLUDED);
        assertThat(search.mms()).isEqualTo(Capability.REQUIRED);
        assertThat(search.voice()).isEqualTo(Capability.EXCLUDED);
    }
}
