package io.imagegate.web;

import io.imagegate.catalog.Catalog;
import io.imagegate.config.ImagegateProperties;
import io.imagegate.config.PublicBaseUrl;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The catalog's pages: {@code /} (to {@code /models}), {@code /models}, {@code /models/{id}} and {@code /pricing}. */
@ConditionalOnWebApplication
@Controller
class CatalogPagesController {

    private final Catalog catalog;
    private final LiveFacts facts;
    private final PublicBaseUrl baseUrl;
    private final ImagegateProperties properties;
    private final Pages pages;

    CatalogPagesController(Catalog catalog, LiveFacts facts, PublicBaseUrl baseUrl, ImagegateProperties properties,
            Pages pages) {
        this.catalog = catalog;
        this.facts = facts;
        this.baseUrl = baseUrl;
        this.properties = properties;
        this.pages = pages;
    }

    @GetMapping("/")
    ResponseEntity<Void> root() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/models")).build();
    }

    @GetMapping("/models")
    ResponseEntity<String> models(@RequestParam(required = false) String vendor,
            @RequestParam(required = false) String seed, @RequestParam(required = false) String quality,
            @RequestParam(required = false) String img2img, @RequestParam(required = false) String resolution) {
        ModelsPage.Filters filters = new ModelsPage.Filters(vendor, seed != null, quality != null, img2img != null,
                resolution);
        return pages.ok("models.jte", ModelsPage.of(catalog.all(), facts::of, filters));
    }

    @GetMapping("/models/{id}")
    ResponseEntity<String> model(@PathVariable String id) {
        return catalog.find(id)
                .map(m -> pages.ok("model.jte", ModelPage.of(m, catalog.all(), facts.of(m), baseUrl.get(),
                        properties.imageTtl())))
                .orElseGet(() -> pages.render(HttpStatus.NOT_FOUND, "error.jte", ErrorPage.noSuchModel(id)));
    }

    @GetMapping("/pricing")
    ResponseEntity<String> pricing() {
        return pages.ok("pricing.jte", PricingPage.of(catalog.all(), facts::of));
    }
}
