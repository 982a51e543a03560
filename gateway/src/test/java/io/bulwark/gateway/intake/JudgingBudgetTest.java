package io.bulwark.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Messages being judged share a heap budget (twice their size each) and a number of slots, in
 * arrival order, or a 451.
 */
class JudgingBudgetTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aMessageLeasesTwiceItsSizeAndGivesItBack() throws Exception {
        JudgingBudget budget = new JudgingBudget(100 * MB, Duration.ZERO);
        int all = budget.available();
        try (JudgingBudget.Lease lease = budget.lease(10 * MB).orElseThrow()) {
            assertThat(budget.available()).isEqualTo(all - 20 * 1024);
        }
        assertThat(budget.available()).isEqualTo(all);
    }

    @Test
    void whenTheBudgetIsTakenTheNextMessageWaitsAndThenIsRefused() throws Exception {
        JudgingBudget budget = new JudgingBudget(30 * MB, Duration.ZERO);
        Optional<JudgingBudget.Lease> first = budget.lease(10 * MB);
        assertThat(first).isPresent();
        assertThat(budget.lease(10 * MB)).as("20 MB more do not fit in the 10 MB left").isEmpty();
        first.get().close();
        assertThat(budget.lease(10 * MB)).isPresent();
    }

    @Test
    void aMessageLargerThanTheWholeBudgetStillRunsAlone() throws Exception {
        JudgingBudget budget = new JudgingBudget(10 * MB, Duration.ZERO);
        Optional<JudgingBudget.Lease> huge = budget.lease(50 * MB);
        assertThat(huge).isPresent();
        assertThat(budget.available()).isZero();
        assertThat(budget.lease(1)).isEmpty();
        huge.get().close();
        assertThat(budget.lease(1)).isPresent();
    }

    @Test
    void aWaitingMessageGetsItsLeaseWhenAnotherIsDone() throws Exception {
        JudgingBudget budget = new JudgingBudget(20 * MB, Duration.ofSeconds(30));
        JudgingBudget.Lease first = budget.lease(10 * MB).orElseThrow();
        CompletableFuture<Optional<JudgingBudget.Lease>> second = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.lease(10 * MB);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(second).isNotDone();
        first.close();
        assertThat(second.get()).isPresent();
    }

    @Test
    void closingALeaseTwiceGivesItBackOnce() throws Exception {
        JudgingBudget budget = new JudgingBudget(10 * MB, Duration.ZERO);
        int all = budget.available();
        JudgingBudget.Lease lease = budget.lease(MB).orElseThrow();
        lease.close();
        lease.close();
        assertThat(budget.available()).isEqualTo(all);
    }

    @Test
    void noMoreMessagesThanSlotsAreJudgedAtOnce() throws Exception {
        JudgingBudget budget = new JudgingBudget(100 * MB, 2, Duration.ZERO);
        JudgingBudget.Lease first = budget.lease(1).orElseThrow();
        JudgingBudget.Lease second = budget.lease(1).orElseThrow();
        assertThat(budget.lease(1)).as("a third while two are judged").isEmpty();
        second.close();
        assertThat(budget.lease(1)).isPresent();
        first.close();
    }

    @Test
    void aMessageRefusedForMemoryGivesItsSlotBack() throws Exception {
        JudgingBudget budget = new JudgingBudget(10 * MB, 5, Duration.ZERO);
        JudgingBudget.Lease big = budget.lease(5 * MB).orElseThrow();
        assertThat(budget.lease(MB)).isEmpty();
        assertThat(budget.freeSlots()).isEqualTo(4);
        big.close();
        assertThat(budget.freeSlots()).isEqualTo(5);
    }

    @Test
    void aMessageWaitingForASlotGetsItWhenOneIsJudged() throws Exception {
        JudgingBudget budget = new JudgingBudget(100 * MB, 1, Duration.ofSeconds(30));
        JudgingBudget.Lease first = budget.lease(1).orElseThrow();
        CompletableFuture<Optional<JudgingBudget.Lease>> second = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.lease(1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(second).isNotDone();
        first.close();
        assertThat(second.get()).isPresent();
    }
}
