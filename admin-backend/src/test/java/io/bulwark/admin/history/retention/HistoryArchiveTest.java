package io.bulwark.admin.history.retention;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.history.InvalidHistoryCommandException;
import io.bulwark.events.history.ArchiveHistorySegmentCommand;
import io.bulwark.events.history.HistorySegmentArchivedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given-when-then for the history archive aggregate, the lock between archiving nodes: every path. */
class HistoryArchiveTest {
    private static final String CHECKPOINT = "a".repeat(64);
    private static final String FILE_A = "b".repeat(64);
    private static final String FILE_B = "c".repeat(64);

    private AggregateTestFixture<HistoryArchive> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(HistoryArchive.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    private static ArchiveHistorySegmentCommand archive(long first, long last, String sha) {
        return new ArchiveHistorySegmentCommand(first, last, CHECKPOINT, "bulwark-history-" + first + "-" + last
                + "-" + CHECKPOINT + ".jsonl.gz", sha, last - first + 1, 5, "system");
    }

    private HistorySegmentArchivedEvent archived(long first, long last, String sha) {
        return new HistorySegmentArchivedEvent(first, last, CHECKPOINT, "bulwark-history-" + first + "-" + last
                + "-" + CHECKPOINT + ".jsonl.gz", sha, last - first + 1, 5, "system", fixture.currentTime());
    }

    @Test
    void theFirstSegmentStartsAtIndexOne() {
        fixture.givenNoPriorActivity().when(archive(1, 20, FILE_A)).expectEvents(archived(1, 20, FILE_A));
    }

    @Test
    void theNextSegmentStartsRightAfterThePreviousOne() {
        fixture.given(archived(1, 20, FILE_A)).when(archive(21, 40, FILE_B)).expectEvents(archived(21, 40, FILE_B));
    }

    @Test
    void aSecondNodeCannotRecordASegmentOutOfOrder() {
        fixture.given(archived(1, 20, FILE_A), archived(21, 40, FILE_B)).when(archive(21, 40, FILE_A))
                .expectException(InvalidHistoryCommandException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(archive(21, 40, FILE_A))
                .expectException(InvalidHistoryCommandException.class);
    }

    @Test
    void theSameSegmentWithTheSameFileAgainIsAcceptedWithoutASecondEvent() {
        fixture.given(archived(1, 20, FILE_A)).when(archive(1, 20, FILE_A)).expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void invalidCommandsAreRefused() {
        fixture.givenNoPriorActivity().when(new ArchiveHistorySegmentCommand(1, 20, CHECKPOINT, "f", FILE_A, 20, 5, " "))
                .expectException(InvalidHistoryCommandException.class);
        fixture.givenNoPriorActivity().when(new ArchiveHistorySegmentCommand(5, 4, CHECKPOINT, "f", FILE_A, 20, 5, "a"))
                .expectException(InvalidHistoryCommandException.class);
        fixture.givenNoPriorActivity().when(new ArchiveHistorySegmentCommand(1, 20, CHECKPOINT, "f", "xyz", 20, 5, "a"))
                .expectException(InvalidHistoryCommandException.class);
        fixture.givenNoPriorActivity().when(new ArchiveHistorySegmentCommand(1, 20, CHECKPOINT, "f", FILE_A, 20, 21, "a"))
                .expectException(InvalidHistoryCommandException.class);
        fixture.givenNoPriorActivity().when(new ArchiveHistorySegmentCommand(1, 20, CHECKPOINT, "", FILE_A, 20, 5, "a"))
                .expectException(InvalidHistoryCommandException.class);
    }
}
