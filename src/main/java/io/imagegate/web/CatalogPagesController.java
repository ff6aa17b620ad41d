package io.imagegate.web;

import io.imagegate.catalog.Catalog;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The catalog's pages: {@code /} (to {@code /models}) and {@code /models}. */
@Controller
class CatalogPagesController {

    private final Catalog catalog;
    private final Pages pages;

    CatalogPagesController(Catalog catalog, Pages pages) {
        this.catalog = catalog;
        this.pages = pages;
    }

    @GetMapping("/")
    ResponseEntity<Void> root() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/models")).build();
    }

    @GetMapping("/models")
    ResponseEntity<String> models() {
        return pages.ok("models.jte", ModelsPage.of(catalog.all()));
    }
}
