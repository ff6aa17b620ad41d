package io.imagegate.web;

/** The site's top-level sections, in the order the header lists them. */
public enum Section {
    MODELS("Models", "/models"),
    PRICING("Pricing", "/pricing"),
    PLAYGROUND("Playground", "/playground"),
    CONSOLE("Console", "/console"),
    ADMIN("Admin", "/admin");

    private final String label;
    private final String href;

    Section(String label, String href) {
        this.label = label;
        this.href = href;
    }

    public String label() {
        return label;
    }

    public String href() {
        return href;
    }
}
