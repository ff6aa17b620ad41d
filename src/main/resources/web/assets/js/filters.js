// The catalog's filters are a plain GET form that works without this module. With it, changing a filter applies
// it at once, so the "Apply filters" button is only needed without JavaScript.

for (const form of document.querySelectorAll("form[data-filters]")) {
  form.addEventListener("change", () => form.requestSubmit());
}
