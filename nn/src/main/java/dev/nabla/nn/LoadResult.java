package dev.nabla.nn;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Module#loadStateDict(java.util.Map, boolean)} could not match, as PyTorch's
 * {@code _IncompatibleKeys}: names the module has but the state lacked, and names the state has
 * but the module lacks.
 */
public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
    /** Keeps unmodifiable copies of the lists. */
    public LoadResult {
        Objects.requireNonNull(missingKeys, "missingKeys");
        Objects.requireNonNull(unexpectedKeys, "unexpectedKeys");
        missingKeys = List.copyOf(missingKeys);
        unexpectedKeys = List.copyOf(unexpectedKeys);
    }

    /** True when every key matched. */
    public boolean allMatched() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
    }

    @Override
    public String toString() {
        return allMatched() ? "<All keys matched successfully>"
                : "LoadResult(missingKeys=" + missingKeys + ", unexpectedKeys=" + unexpectedKeys + ")";
    }
}
