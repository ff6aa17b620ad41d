package io.imagegate.web;

import io.imagegate.catalog.ModelSpec;
import java.util.Collection;
import java.util.List;

/** {@code /models}: a card per model. */
public record ModelsPage(Frame frame, List<Card> cards) {

    public record Card(String id, String name, String vendor, String capability, String href) {
    }

    static ModelsPage of(Collection<ModelSpec> models) {
        return new ModelsPage(Frame.of("Models", Section.MODELS), models.stream()
                .map(m -> new Card(m.id(), m.displayName(), m.vendor(), m.capability(), "/models/" + m.id()))
                .toList());
    }
}
