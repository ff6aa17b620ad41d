package io.imagegate.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models this gateway offers, by public id, in catalog order. */
public final class Catalog {

    private final Map<String, ModelSpec> models;

    public Catalog(List<ModelSpec> models) {
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        for (ModelSpec model : models) {
            if (byId.putIfAbsent(model.id(), model) != null) {
                throw new IllegalArgumentException("catalog lists model '" + model.id() + "' twice");
            }
        }
        this.models = java.util.Collections.unmodifiableMap(byId);
    }

    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public Collection<ModelSpec> all() {
        return models.values();
    }

    public boolean contains(String id) {
        return models.containsKey(id);
    }
}
