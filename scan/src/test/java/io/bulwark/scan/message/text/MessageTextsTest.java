package io.bulwark.scan.message.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.scan.message.MessageMemo;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One parse per HTML part per message, and the memo that holds it (ADR 0040). */
class MessageTextsTest {

    private static MessageView alternative() {
        return TrickyMessages.all().get("alternative");
    }

    private static MessagePart html(MessageView view) {
        return view.parts().stream().filter(p -> p.contentType().equals("text/html")).findFirst().orElseThrow();
    }

    @Test
    void aPartIsParsedOnceForEqualTexts() {
        MessageView view = alternative();
        MessagePart part = html(view);
        String source = new String(part.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        HtmlText first = MessageTexts.of(view).html(part, source);
        assertThat(MessageTexts.of(view).html(part, new String(source))).isSameAs(first);
        assertThat(first).isEqualTo(HtmlText.parse(source));
    }

    @Test
    void aDifferentlyDecodedTextIsParsedOnItsOwnAndDoesNotReplaceTheFirst() {
        MessageView view = alternative();
        MessagePart part = html(view);
        HtmlText first = MessageTexts.of(view).html(part, "<a href='https://one.example/'>one</a>");
        HtmlText other = MessageTexts.of(view).html(part, "<a href='https://two.example/'>two</a>");
        assertThat(other.nodes()).extracting(HtmlText.Item::value).contains("https://two.example/")
                .doesNotContain("https://one.example/");
        assertThat(MessageTexts.of(view).html(part, "<a href='https://one.example/'>one</a>")).isSameAs(first);
    }

    @Test
    void equalViewsDoNotShareTheirMemo() {
        MessageView a = alternative();
        MessageView b = alternative();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(MessageTexts.of(a)).isSameAs(MessageTexts.of(a)).isNotSameAs(MessageTexts.of(b));
    }

    @Test
    void theMemoComputesAValueOnceForManyThreads() throws Exception {
        MessageMemo memo = new MessageMemo();
        MessageMemo.Key<List<String>> key = new MessageMemo.Key<>("test");
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return memo.get(key, () -> {
                        computed.incrementAndGet();
                        return List.of("value");
                    });
                }));
            }
            start.countDown();
            List<String> first = results.get(0).get();
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    void aValueMayAskForAnotherAndAFailureIsNotKept() {
        MessageMemo memo = new MessageMemo();
        MessageMemo.Key<String> outer = new MessageMemo.Key<>("outer");
        MessageMemo.Key<String> inner = new MessageMemo.Key<>("inner");
        assertThat(memo.get(outer, () -> memo.get(inner, () -> "in") + "+out")).isEqualTo("in+out");
        MessageMemo.Key<String> failing = new MessageMemo.Key<>("failing");
        assertThatThrownBy(() -> memo.get(failing, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(memo.get(failing, () -> "second try")).isEqualTo("second try");
    }
}
