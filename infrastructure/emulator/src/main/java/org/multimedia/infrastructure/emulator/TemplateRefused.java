package org.multimedia.infrastructure.emulator;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The template breaks rules AWS enforces (and moto does not): every violation found, together,
 * raised before anything is created in the emulator.
 */
public final class TemplateRefused extends RuntimeException {

    private final List<Violation> violations;

    public TemplateRefused(List<Violation> violations) {
        super(violations.size() + " thing(s) in the template that AWS would refuse (strict mode; "
                + StrictMode.SWITCH_VARIABLE + "=false turns it off):\n"
                + violations.stream().map(v -> "  - " + v).collect(Collectors.joining("\n")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
