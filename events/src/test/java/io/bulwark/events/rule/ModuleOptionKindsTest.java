package io.bulwark.events.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ProtectionModule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The option kinds of content filtering and anti-virus: what validates, how it reads, what old rules mean. */
class ModuleOptionKindsTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(ModuleOption.BANNED_NAMES, "", null),
                Arguments.of(ModuleOption.BANNED_NAMES, "*.exe, *.scr\ninvoice?.js", null),
                Arguments.of(ModuleOption.BANNED_NAMES, "bad\u0001.exe", "banned-names: 'bad\u0001.exe' is not a file name mask"),
                Arguments.of(ModuleOption.BANNED_NAMES, "x".repeat(256), "banned-names: '" + "x".repeat(256) + "' is not"),
                Arguments.of(ModuleOption.BANNED_TYPES, "executables, Archives, application/pdf, image/*", null),
                Arguments.of(ModuleOption.BANNED_TYPES, "programs", "banned-types: 'programs' is neither a category"),
                Arguments.of(ModuleOption.BANNED_TYPES_MODE, "not-from-list", null),
                Arguments.of(ModuleOption.BANNED_TYPES_MODE, "except", "banned-types-mode: 'except' is not one of"),
                Arguments.of(ModuleOption.MAX_MESSAGE_SIZE, "0", null),
                Arguments.of(ModuleOption.MAX_MESSAGE_SIZE, "1048576K", null),
                Arguments.of(ModuleOption.MAX_MESSAGE_SIZE, "25 MB", null),
                Arguments.of(ModuleOption.MAX_MESSAGE_SIZE, "2048G", "max-message-size: '2048G' is not a size"),
                Arguments.of(ModuleOption.MAX_MESSAGE_SIZE, "-1", "max-message-size: '-1' is not a size"),
                Arguments.of(ModuleOption.ARCHIVE_DEPTH, "0", null),
                Arguments.of(ModuleOption.ARCHIVE_DEPTH, "32", null),
                Arguments.of(ModuleOption.ARCHIVE_DEPTH, "33", "archive-depth: 33 is outside 0-32"),
                Arguments.of(ModuleOption.ARCHIVE_DEPTH, "two", "archive-depth: 'two' is not a whole number"),
                Arguments.of(ModuleOption.MACROS_PROBABLY_INFECTED, "yes", null),
                Arguments.of(ModuleOption.SPAM_THRESHOLD, "101", "spam-threshold: 101 is outside 0-100"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("values")
    void validatesByKind(ModuleOption option, String value, String problem) {
        if (problem == null) {
            assertThat(option.problemWith(value)).isNull();
        } else {
            assertThat(option.problemWith(value)).startsWith(problem);
        }
    }

    @Test
    void sizesListsAndLevelsRead() {
        assertThat(ModuleOption.bytes("10M")).isEqualTo(10L * 1024 * 1024);
        assertThat(ModuleOption.bytes("512k")).isEqualTo(512L * 1024);
        assertThat(ModuleOption.bytes("1000")).isEqualTo(1000);
        assertThat(ModuleOption.list(" *.exe ,, *.scr\r\n*.js ")).containsExactly("*.exe", "*.scr", "*.js");
        ModuleSettings s = ModuleSettings.defaults(ProtectionModule.CONTENT_FILTERING)
                .withOption(ModuleOption.ARCHIVE_DEPTH, "4").withOption(ModuleOption.MAX_MESSAGE_SIZE, "bogus");
        assertThat(s.level(ModuleOption.ARCHIVE_DEPTH)).isEqualTo(4);
        assertThat(s.bytes(ModuleOption.MAX_MESSAGE_SIZE)).as("an invalid stored size reads as the default").isZero();
    }

    @Test
    void aStoredSectionWithoutTheNewOptionsMeansNothingBannedAndMacrosTolerated() {
        ModuleSettings stored = new ModuleSettings(true, java.util.Map.of(), java.util.Map.of("temporary-failure", "defer"));
        assertThat(stored.list(ModuleOption.BANNED_NAMES)).isEmpty();
        assertThat(stored.list(ModuleOption.BANNED_TYPES)).isEmpty();
        assertThat(stored.option(ModuleOption.BANNED_TYPES_MODE)).isEqualTo("from-list");
        assertThat(stored.bytes(ModuleOption.MAX_MESSAGE_SIZE)).isZero();
        assertThat(stored.yes(ModuleOption.MACROS_PROBABLY_INFECTED)).isFalse();
    }

    @Test
    void masksMatchWholeNamesIgnoringCase() {
        FileNameMasks masks = FileNameMasks.parse("*.exe, invoice?.js");
        assertThat(masks.match("SETUP.EXE")).contains("*.exe");
        assertThat(masks.match("invoice1.js")).contains("invoice?.js");
        assertThat(masks.match("invoice12.js")).isEmpty();
        assertThat(masks.match("setup.exe.txt")).isEmpty();
        assertThat(FileNameMasks.parse("").isEmpty()).isTrue();
    }

    @Test
    void theCategoryWordsAreTheKindsHelp() {
        assertThat(ModuleOption.BANNED_TYPES.kind()).isEqualTo(ModuleOption.Kind.CATEGORIES);
        assertThat(ModuleOption.BANNED_TYPES.format()).contains("executables, documents, archives, multimedia, images,"
                + " databases, other");
        assertThat(ModuleOption.SPAM_THRESHOLD.kind()).isEqualTo(ModuleOption.Kind.PERCENT);
    }
}
