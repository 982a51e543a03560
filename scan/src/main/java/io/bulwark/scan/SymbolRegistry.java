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

    private SymbolRegistry(Map<String, SymbolDefinition> definitions, Map<String, String> owners,
            Map<String, Double> weights) {
        this.definitions = definitions;
        this.owners = owners;
        this.weights = weights;
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
        return new SymbolRegistry(Map.copyOf(definitions), Map.copyOf(owners), Map.copyOf(resolved));
    }

    /** The definition of a symbol, if any check declares it. */
    public Optional<SymbolDefinition> definition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** Whether {@code check} declared {@code symbol}. */
    public boolean declares(String check, String symbol) {
        return check.equals(owners.get(symbol));
    }

    /** The weight in force for a declared symbol. */
    public double weight(String name) {
        Double w = weights.get(name);
        if (w == null) {
            throw new IllegalArgumentException("unknown symbol " + name);
        }
        return w;
    }

    /** All definitions, sorted by name. */
    public List<SymbolDefinition> all() {
        return definitions.values().stream().sorted(java.util.Comparator.comparing(SymbolDefinition::name)).toList();
    }
}
