package io.imagegate.web;

/**
 * One language's example on a model page.
 *
 * @param id       the tab's id, e.g. {@code python}
 * @param language the code's language, for its class
 */
public record CodeExample(String id, String label, String language, String code) {
}
