package io.bulwark.scan.message;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the engines derive from one message and share, computed once per message: the rendered
 * text, the parsed HTML, the links (ADR 0040). Held by the {@link MessageView} it belongs to, so it
 * lives exactly as long as the message and no engine needs a cache of its own.
 *
 * <p>Each value is named by a {@link Key} that its owner keeps (the anti-spam text has its key in
 * {@code antispam}, the links theirs in {@code antiphishing.links}); a value must be a pure
 * function of the view, so that sharing it changes nothing but the cost.
 *
 * <p>Thread-safe: checks run in parallel on virtual threads. A value is computed by the first
 * caller while later callers of the same key wait for it; computations of different keys run side
 * by side and may ask for other keys (a per-key lock, not {@code ConcurrentHashMap.computeIfAbsent},
 * which forbids such nesting). A computation that throws stores nothing: the next caller tries again.
 */
public final class MessageMemo {

    /** The name of one shared value; compared by identity, so keep it in a constant. */
    public static final class Key<T> {
        private final String name;

        public Key(String name) {
            this.name = Objects.requireNonNull(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final ConcurrentHashMap<Key<?>, Slot> slots = new ConcurrentHashMap<>();

    /** The value for {@code key}, computed by {@code compute} on first use and kept. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key, Supplier<? extends T> compute) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        Object known = slot.value;
        if (known != null) {
            return (T) known;
        }
        synchronized (slot) {
            if (slot.value == null) {
                slot.value = Objects.requireNonNull(compute.get(), () -> "memo value " + key);
            }
            return (T) slot.value;
        }
    }

    private static final class Slot {
        volatile Object value;
    }

    @Override
    public String toString() {
        return "MessageMemo" + slots.keySet();
    }
}
