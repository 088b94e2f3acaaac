package org.multimedia.operations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** In-memory Lambda versions: what deploys publish, aliases, versions Lambda refuses to delete, failures. */
final class InMemoryFunctionVersions implements FunctionVersions {

    final Map<String, List<String>> published = new TreeMap<>();
    final Map<String, Map<String, Alias>> aliases = new HashMap<>();
    /** Versions something else holds (provisioned concurrency, an event source mapping): Lambda answers 409. */
    final Set<String> inUse = new HashSet<>();
    /** Functions whose calls fail (the role's refusal, throttling). */
    final Set<String> failing = new HashSet<>();
    final List<String> keptAlive = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    /** A deployment: a new version, the live alias moved to it. */
    String deploy(String function) {
        String version = publish(function);
        alias(function, RollbackVersions.LIVE, version);
        return version;
    }

    String publish(String function) {
        List<String> versions = published.computeIfAbsent(function, f -> new ArrayList<>(List.of("$LATEST")));
        String version = String.valueOf(versions.stream().filter(v -> !v.startsWith("$")).mapToInt(Integer::parseInt).max().orElse(0) + 1);
        versions.add(version);
        return version;
    }

    void alias(String function, String name, String version, String... weighted) {
        aliases.computeIfAbsent(function, f -> new TreeMap<>()).put(name, new Alias(name, version, Set.of(weighted)));
    }

    private void call(String what, String function) {
        calls.add(what + " " + function);
        if (failing.contains(function)) {
            throw new IllegalStateException("refused");
        }
    }

    @Override
    public List<Alias> aliases(String function) {
        call("ListAliases", function);
        return List.copyOf(aliases.getOrDefault(function, Map.of()).values());
    }

    @Override
    public List<String> versions(String function) {
        call("ListVersionsByFunction", function);
        return published.getOrDefault(function, List.of()).stream().filter(v -> !v.equals("$LATEST")).toList();
    }

    @Override
    public Deletion delete(String function, String version) {
        call("DeleteFunction", function + ":" + version);
        boolean aliased = aliases.getOrDefault(function, Map.of()).values().stream()
                .anyMatch(a -> a.version().equals(version) || a.weightedVersions().contains(version));
        if (aliased || inUse.contains(function + ":" + version)) {
            return Deletion.IN_USE;
        }
        return published.getOrDefault(function, new ArrayList<>()).remove(version) ? Deletion.DELETED : Deletion.GONE;
    }

    @Override
    public void keepAlive(String function, String qualifier) {
        call("Invoke", function + ":" + qualifier);
        keptAlive.add(function + ":" + qualifier);
    }
}
