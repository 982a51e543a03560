package io.bulwark.scan;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every symbol of every installed check, with its weight: the default of its definition unless
 * configuration gives another ({@code bulwark.scan.symbols.<NAME>.weight}). Built once at start-up;
 * a symbol declared twice, or a configured weight for a symbol no check declares, is refused
 * then, with a message naming it (a typo in a weight must not silently do nothing).
 *
 * <p>Immutable and thread-safe.
 */
public final class SymbolRegistry {
    private final Map<String, SymbolDefinition> definitions;
    private final Map<String, String> owners;
    private final Map<String, Double> weights;
    /** The checks by name, asked for their {@linkplain Check#liveSymbol live symbols}. */
    private final Map<String, Check> checks;

    private SymbolRegistry(Map<String, SymbolDefinition> definitions, Map<String, String> owners,
            Map<String, Double> weights, Map<String, Check> checks) {
        this.definitions = definitions;
        this.owners = owners;
        this.weights = weights;
        this.checks = checks;
    }

    /**
     * @param checks  the installed checks
     * @param weights configured weights by symbol name (may be empty)
     * @throws IllegalStateException on a duplicate symbol, a symbol of another module than its
     *                               check's, or a weight for an unknown symbol
     */
    public static SymbolRegistry of(Collection<? extends Check> checks, Map<String, Double> weights) {
        Map<String, SymbolDefinition> definitions = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        for (Check check : checks) {
            for (SymbolDefinition d : check.symbols()) {
                if (d.module() != check.module()) {
                    throw new IllegalStateException("symbol " + d.name() + " of check " + check.name()
                            + " counts for " + d.module() + ", but the check belongs to " + check.module());
                }
                String owner = owners.putIfAbsent(d.name(), check.name());
                if (owner != null) {
                    throw new IllegalStateException("symbol " + d.name() + " is declared by both " + owner + " and "
                            + check.name());
                }
                definitions.put(d.name(), d);
            }
        }
        Map<String, Double> resolved = new LinkedHashMap<>();
        definitions.forEach((name, d) -> resolved.put(name, d.defaultWeight()));
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (!definitions.containsKey(w.getKey())) {
                throw new IllegalStateException("a weight is configured for the symbol " + w.getKey()
                        + ", which no installed check reports; known symbols: " + definitions.keySet());
            }
            if (w.getValue() == null || w.getValue().isNaN() || w.getValue().isInfinite()) {
                throw new IllegalStateException("the weight of " + w.getKey() + " must be a number");
            }
            resolved.put(w.getKey(), w.getValue());
        }
        Map<String, Check> byName = new LinkedHashMap<>();
        checks.forEach(c -> byName.putIfAbsent(c.name(), c));
        return new SymbolRegistry(Map.copyOf(definitions), Map.copyOf(owners), Map.copyOf(resolved),
                Map.copyOf(byName));
    }

    /** The definition of a symbol, if any check declares it (statically, else as a live symbol). */
    public Optional<SymbolDefinition> definition(String name) {
        SymbolDefinition fixed = definitions.get(name);
        return fixed != null ? Optional.of(fixed) : live(name).map(LiveSymbol::definition);
    }

    /**
     * Whether {@code check} declared {@code symbol}: statically, or as a live symbol whose name no
     * check declares statically (a static symbol always wins, so configuration cannot take over a
     * built-in symbol's name).
     */
    public boolean declares(String check, String symbol) {
        String owner = owners.get(symbol);
        if (owner != null) {
            return check.equals(owner);
        }
        Check c = checks.get(check);
        return c != null && c.liveSymbol(symbol).isPresent();
    }

    /** The weight in force for a declared symbol. */
    public double weight(String name) {
        Double w = weights.get(name);
        if (w != null) {
            return w;
        }
        return live(name).map(l -> l.definition().defaultWeight())
                .orElseThrow(() -> new IllegalArgumentException("unknown symbol " + name));
    }

    private record LiveSymbol(String check, SymbolDefinition definition) {
    }

    private Optional<LiveSymbol> live(String name) {
        for (Check c : checks.values()) {
            Optional<SymbolDefinition> d = c.liveSymbol(name);
            if (d.isPresent()) {
                return Optional.of(new LiveSymbol(c.name(), d.get()));
            }
        }
        return Optional.empty();
    }

    /** All definitions, sorted by name. */
    public List<SymbolDefinition> all() {
        return definitions.values().stream().sorted(java.util.Comparator.comparing(SymbolDefinition::name)).toList();
    }
}
