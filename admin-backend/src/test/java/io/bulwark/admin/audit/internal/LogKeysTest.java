package io.bulwark.admin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogKeysTest {

    @Test
    void everyQueryWordIsAPrefixKeyOfTheTextsItShouldFind() {
        var keys = LogKeys.wordPrefixes("Password of account Alice changed", null);
        assertThat(keys).containsAll(LogKeys.queryWords("pass ALI chan"));
        assertThat(keys).doesNotContainAnyElementsOf(LogKeys.queryWords("word"));
    }

    @Test
    void addressesAreSplitIntoTheirNumbers() {
        assertThat(LogKeys.wordPrefixes("from 10.0.0.5")).containsAll(LogKeys.queryWords("10.0.0.5"));
        assertThat(LogKeys.queryWords("10.0.0.5")).containsExactly("w=10", "w=0", "w=5");
    }

    @Test
    void longWordsAreLookedUpByTheirIndexedPrefix() {
        String longWord = "authenticationresultsheader";
        assertThat(LogKeys.wordPrefixes(longWord)).containsAll(LogKeys.queryWords(longWord));
    }

    @Test
    void exactKeysIgnoreCaseAndBlankValuesHaveNone() {
        assertThat(LogKeys.exact("subject", " Alice ")).isEqualTo("subject=alice");
        assertThat(LogKeys.exact("subject", " ")).isNull();
        assertThat(LogKeys.exact("subject", null)).isNull();
    }
}
