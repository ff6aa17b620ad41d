package io.imagegate.web;

import io.imagegate.billing.PriceBook;
import io.imagegate.catalog.Catalog;
import io.imagegate.config.PublicBaseUrl;
import io.imagegate.routing.Router;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /playground}. The page itself holds no secret and takes none: the API key stays in the browser and goes
 * only to {@code POST /v1/images/generations}, as that request's {@code x-api-key}.
 */
@ConditionalOnWebApplication
@Controller
class PlaygroundController {

    private final Catalog catalog;
    private final PriceBook prices;
    private final Router router;
    private final PublicBaseUrl baseUrl;
    private final Pages pages;

    PlaygroundController(Catalog catalog, PriceBook prices, Router router, PublicBaseUrl baseUrl, Pages pages) {
        this.catalog = catalog;
        this.prices = prices;
        this.router = router;
        this.baseUrl = baseUrl;
        this.pages = pages;
    }

    /** @param model the model to start with, so a model's page can link to the playground with it chosen */
    @GetMapping("/playground")
    ResponseEntity<String> playground(@RequestParam(name = "model", required = false) String model) {
        return pages.ok("playground.jte", PlaygroundPage.of(catalog.all(), prices::pricesOf, router::simulated,
                baseUrl.get(), Optional.ofNullable(model).filter(id -> !id.isBlank())));
    }
}
