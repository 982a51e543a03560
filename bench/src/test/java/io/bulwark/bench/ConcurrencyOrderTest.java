package io.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The concurrency plan runs its points in the given order on even repetitions and in reverse on odd
 * ones, so that no concurrency always runs first (the first point of a repetition pays more).
 */
class ConcurrencyOrderTest {

    @ParameterizedTest(name = "{0}, repetition {1}")
    @CsvSource(delimiter = '|', value = {
        "500,20         | 0 | 500 20",
        "500,20         | 1 | 20 500",
        "500,20         | 2 | 500 20",
        "1, 5, 20, 100  | 3 | 100 20 5 1",
        "20             | 1 | 20"})
    void oddRepetitionsRunTheConcurrenciesInReverse(String spec, int rep, String expected) {
        List<Integer> order = BenchRunner.concurrencyOrder(spec, rep);
        assertEquals(expected, String.join(" ", order.stream().map(String::valueOf).toList()));
    }
}
