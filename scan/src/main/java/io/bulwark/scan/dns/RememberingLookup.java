package io.bulwark.scan.dns;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * One message's memory of its DNS answers ({@link DnsLookup#remembering()}): the first asker of a
 * question asks the node's lookup, everyone after it (while it is in flight or later) gets that
 * same answer. This is what lets the pipeline ask a message's questions early and concurrently
 * (its prefetch) and the checks find the answers waiting, whatever the record's TTL, including
 * negative answers without an SOA that the node's cache cannot keep.
 *
 * <p>Why our own and not only dnsjava's cache: the cache keeps answers by TTL for the node and
 * drops what it may not cache; this memory is for one message only, so it can keep everything,
 * and it lives no longer than the message. Budgeted views over it ({@link #withBudget(int)}) count
 * every call, remembered or not, as before. Thread-safe.
 */
final class RememberingLookup implements DnsLookup {
    private final DnsLookup delegate;
    private final ConcurrentMap<Question, CompletableFuture<DnsResult<?>>> answers = new ConcurrentHashMap<>();

    RememberingLookup(DnsLookup delegate) {
        this.delegate = delegate;
    }

    /** A question's identity: kind and name as asked (names in one message are asked consistently). */
    private record Question(char kind, String name) {
    }

    @SuppressWarnings("unchecked")
    private <T> DnsResult<T> remembered(char kind, String name, Supplier<DnsResult<T>> ask) {
        Question q = new Question(kind, name.toLowerCase(java.util.Locale.ROOT));
        while (true) {
            CompletableFuture<DnsResult<?>> mine = new CompletableFuture<>();
            CompletableFuture<DnsResult<?>> first = answers.putIfAbsent(q, mine);
            if (first == null) {
                return askFirst(q, mine, ask);
            }
            try {
                return (DnsResult<T>) first.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DnsResult.TemporaryFailure<>("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                // the first asker failed or was interrupted: its answer is not the message's, ask again
            }
        }
    }

    private <T> DnsResult<T> askFirst(Question q, CompletableFuture<DnsResult<?>> mine, Supplier<DnsResult<T>> ask) {
        DnsResult<T> answer;
        try {
            answer = ask.get();
        } catch (RuntimeException | Error e) {
            forget(q, mine);
            throw e;
        }
        if (Thread.currentThread().isInterrupted()) {
            // an interrupted asker (a check past its time limit) may hold "interrupted" for an
            // answer: not something the message's other checks should be told
            forget(q, mine);
        } else {
            mine.complete(answer);
        }
        return answer;
    }

    private void forget(Question q, CompletableFuture<DnsResult<?>> mine) {
        answers.remove(q, mine);
        mine.completeExceptionally(new IllegalStateException("abandoned"));
    }

    /** Questions asked through this memory so far (for tests). */
    int remembered() {
        return answers.size();
    }

    @Override
    public DnsResult<String> txt(String name) {
        return remembered('T', name, () -> delegate.txt(name));
    }

    @Override
    public DnsResult<InetAddress> a(String name) {
        return remembered('A', name, () -> delegate.a(name));
    }

    @Override
    public DnsResult<InetAddress> aaaa(String name) {
        return remembered('Q', name, () -> delegate.aaaa(name));
    }

    @Override
    public DnsResult<MxHost> mx(String name) {
        return remembered('M', name, () -> delegate.mx(name));
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return remembered('P', address.getHostAddress(), () -> delegate.ptr(address));
    }

    @Override
    public DnsLookup withBudget(int maxQueries) {
        return new BudgetedLookup(this, maxQueries);
    }

    @Override
    public DnsLookup remembering() {
        return this;
    }

    @Override
    public DnsLookup unbudgeted() {
        return this;
    }
}
