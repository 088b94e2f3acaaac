package org.multimedia.operations.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The site bucket in memory: objects with their headers, and every call made, in order. */
final class InMemorySiteBucket implements SiteBucket {

    record StoredObject(byte[] content, String contentType, String cacheControl) {
        String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final Map<String, StoredObject> objects = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    boolean missing;
    /** A key whose PutObject fails (an AWS failure as the adapter reports it). */
    String failingKey;

    @Override
    public void put(String key, byte[] content, String contentType, String cacheControl) {
        check();
        calls.add("put " + key);
        if (key.equals(failingKey)) {
            throw org.multimedia.core.DomainException.unavailable();
        }
        objects.put(key, new StoredObject(content.clone(), contentType, cacheControl));
    }

    @Override
    public Optional<byte[]> get(String key) {
        check();
        calls.add("get " + key);
        return Optional.ofNullable(objects.get(key)).map(o -> o.content().clone());
    }

    @Override
    public List<String> keys() {
        check();
        calls.add("list");
        return List.copyOf(objects.keySet());
    }

    @Override
    public void delete(String key) {
        check();
        calls.add("delete " + key);
        objects.remove(key);
    }

    private void check() {
        if (missing) {
            throw new Missing("site-bucket");
        }
    }
}
