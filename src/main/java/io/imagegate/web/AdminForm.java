package io.imagegate.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A console form's problems, per field, in plain words, and the values to put back in the form so nothing typed
 * is lost. The page lists them at the top (each a link to its field) and beside each field, GOV.UK style.
 */
public record AdminForm(Map<String, String> errors, Map<String, String> values) {

    public record Problem(String field, String message) {
    }

    public static AdminForm empty() {
        return new AdminForm(Map.of(), Map.of());
    }

    static AdminForm with(Map<String, String> errors, Map<String, String> values) {
        return new AdminForm(new LinkedHashMap<>(errors), new LinkedHashMap<>(values));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<Problem> problems() {
        return errors.entrySet().stream().map(e -> new Problem(e.getKey(), e.getValue())).toList();
    }

    public Optional<String> error(String field) {
        return Optional.ofNullable(errors.get(field));
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }
}
