package io.bulwark.admin.cef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one table from event type to CEF record: filled by one {@link GroupMapper} per
 * {@link CefGroup}, each registering the event types of its group with a small function, or
 * excluding a type with the reason it is not exported. An event type that is neither mapped nor
 * excluded is a gap that {@code CefMappingCoverageTest} reports, so an event added to the
 * {@code events} module cannot silently stay out of the SIEM feed (docs/cef.md, "Adding a mapping").
 *
 * <p>Immutable once built; thread-safe.
 */
public final class CefMappingTable {

    /** The mappers of one group: register each event type of the group. */
    public interface GroupMapper {
        CefGroup group();

        void register(Registry registry);
    }

    /** What a {@link GroupMapper} registers into. */
    public interface Registry {
        /** Maps every event of {@code type} to one record of the mapper's group. */
        <E> void map(Class<E> type, Function<? super E, CefRecord> mapper);

        /** Maps an event to a record, or to none when the function answers null. */
        <E> void mapOptional(Class<E> type, Function<? super E, CefRecord> mapper);

        /** Declares that {@code type} is deliberately not exported, and why (docs/cef.md lists them). */
        void exclude(Class<?> type, String reason);
    }

    /** A mapped event: its group and its record. */
    public record Mapped(CefGroup group, CefRecord record) {
    }

    private record Entry(CefGroup group, Function<Object, CefRecord> mapper) {
    }

    private final Map<Class<?>, Entry> entries;
    private final Map<Class<?>, String> exclusions;

    private CefMappingTable(Map<Class<?>, Entry> entries, Map<Class<?>, String> exclusions) {
        this.entries = Collections.unmodifiableMap(entries);
        this.exclusions = Collections.unmodifiableMap(exclusions);
    }

    /** The table of the given group mappers; a type registered twice is a programming error. */
    public static CefMappingTable of(List<? extends GroupMapper> mappers) {
        Map<Class<?>, Entry> entries = new LinkedHashMap<>();
        Map<Class<?>, String> exclusions = new LinkedHashMap<>();
        for (GroupMapper mapper : mappers) {
            CefGroup group = mapper.group();
            mapper.register(new Registry() {
                @Override
                public <E> void map(Class<E> type, Function<? super E, CefRecord> function) {
                    mapOptional(type, event -> {
                        CefRecord record = function.apply(event);
                        if (record == null) {
                            throw new IllegalStateException("the mapper of " + type.getName() + " gave no record");
                        }
                        return record;
                    });
                }

                @Override
                public <E> void mapOptional(Class<E> type, Function<? super E, CefRecord> function) {
                    requireNew(type);
                    entries.put(type, new Entry(group, event -> function.apply(type.cast(event))));
                }

                @Override
                public void exclude(Class<?> type, String reason) {
                    requireNew(type);
                    exclusions.put(type, reason);
                }

                private void requireNew(Class<?> type) {
                    if (entries.containsKey(type) || exclusions.containsKey(type)) {
                        throw new IllegalStateException(type.getName() + " is mapped twice");
                    }
                }
            });
        }
        return new CefMappingTable(entries, exclusions);
    }

    /** The record of an event payload, if its type is exported. */
    public Optional<Mapped> map(Object payload) {
        Entry entry = entries.get(payload.getClass());
        if (entry == null) {
            return Optional.empty();
        }
        CefRecord record = entry.mapper().apply(payload);
        return record == null ? Optional.empty() : Optional.of(new Mapped(entry.group(), record));
    }

    /** Whether the type is mapped or deliberately excluded. */
    public boolean covers(Class<?> type) {
        return entries.containsKey(type) || exclusions.containsKey(type);
    }

    /** The group of a mapped type, if mapped. */
    public Optional<CefGroup> groupOf(Class<?> type) {
        return Optional.ofNullable(entries.get(type)).map(Entry::group);
    }

    /** Mapped types, in registration order. */
    public List<Class<?>> mappedTypes() {
        return List.copyOf(entries.keySet());
    }

    /** Excluded types with their reasons. */
    public Map<Class<?>, String> exclusions() {
        return exclusions;
    }
}
