package io.bulwark.scan.antiphishing;

import io.bulwark.scan.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what a check finds in one message: each symbol once, with up to three distinct reasons
 * joined and the parts concerned, so a message with 200 bad links gives one readable line per
 * trick. Confined to one check run.
 */
final class Findings {
    private static final int REASONS = 3;

    private final Map<String, Set<String>> reasons = new LinkedHashMap<>();
    private final Map<String, Set<String>> parts = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    void add(String symbol, String reason, String part) {
        Set<String> r = reasons.computeIfAbsent(symbol, k -> new LinkedHashSet<>());
        counts.merge(symbol, 1, Integer::sum);
        if (r.size() < REASONS) {
            r.add(reason);
        }
        if (part != null && !part.isEmpty()) {
            parts.computeIfAbsent(symbol, k -> new LinkedHashSet<>()).add(part);
        }
    }

    List<Symbol> symbols() {
        List<Symbol> out = new ArrayList<>();
        reasons.forEach((symbol, r) -> {
            int more = counts.get(symbol) - r.size();
            String reason = String.join("; ", r) + (more > 0 ? " (and " + more + " more)" : "");
            out.add(Symbol.of(symbol, reason, List.copyOf(parts.getOrDefault(symbol, Set.of()))));
        });
        return out;
    }
}
