package io.imagegate.web;

import io.imagegate.billing.PriceBook;
import io.imagegate.billing.PriceCoverage;
import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.money.Micros;
import io.imagegate.web.AdminConsole.Posted;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin console's price tables. A table is saved whole through {@link PriceBook#replace}, after the same
 * {@link PriceCoverage} rule the admin API's {@code PUT /admin/v1/prices/{model}} applies.
 */
@ConditionalOnWebApplication
@Controller
class AdminConsolePricesController {

    private final AdminConsole console;
    private final Catalog catalog;
    private final PriceBook prices;
    private final Pages pages;

    AdminConsolePricesController(AdminConsole console, Catalog catalog, PriceBook prices, Pages pages) {
        this.console = console;
        this.catalog = catalog;
        this.prices = prices;
        this.pages = pages;
    }

    @GetMapping("/admin/prices")
    ResponseEntity<String> models(HttpServletRequest request) {
        Optional<WebSession> session = console.session(request);
        if (session.isEmpty()) {
            return AdminConsole.signIn();
        }
        return pages.ok("admin/prices.jte", new AdminPricesPage(AdminPricesPage.newFrame("Prices"),
                AdminChrome.of(session.get(), "/admin/prices"), links(Optional.empty()), Optional.empty(), false,
                AdminForm.empty()));
    }

    @GetMapping("/admin/prices/{model}")
    ResponseEntity<String> table(HttpServletRequest request, @PathVariable String model,
            @RequestParam Optional<String> saved) {
        Optional<WebSession> session = console.session(request);
        if (session.isEmpty()) {
            return AdminConsole.signIn();
        }
        ModelSpec spec = model(model, request);
        return pages.ok("admin/prices.jte", page(session.get(), spec, Map.of(), saved.isPresent(),
                AdminForm.empty()));
    }

    @PostMapping("/admin/prices/{model}")
    ResponseEntity<String> save(HttpServletRequest request, @PathVariable String model) {
        Posted posted = console.post(request, AdminPricesPage.newFrame("Prices"));
        ModelSpec spec = model(model, request);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> typed = new LinkedHashMap<>();
        List<Price> table = new ArrayList<>();
        for (String key : PriceCoverage.needed(spec)) {
            String field = field(key);
            String value = posted.form().text(field).orElse("");
            typed.put(field, value);
            try {
                String amount = value.startsWith("$") ? value.substring(1).strip() : value;
                table.add(new Price(tier(key), quality(key), Micros.parse(amount)));
            } catch (IllegalArgumentException e) {
                errors.put(field, "Enter the price of a " + label(key) + " image in dollars, such as 0.039");
            }
        }
        if (errors.isEmpty()) {
            // The form has exactly the cells the rule asks for, so this only fails if the catalog changed under it.
            PriceCoverage.problems(spec, table).forEach(problem -> errors.put("prices", "The price table "
                    + problem + "."));
        }
        if (!errors.isEmpty()) {
            return pages.render(HttpStatus.BAD_REQUEST, "admin/prices.jte", page(posted.session(), spec, typed,
                    false, AdminForm.with(errors, typed)));
        }
        prices.replace(spec.id(), table);
        return AdminConsole.seeOther("/admin/prices/" + spec.id() + "?saved");
    }

    private AdminPricesPage page(WebSession session, ModelSpec spec, Map<String, String> typed, boolean saved,
            AdminForm form) {
        List<Price> live = prices.pricesOf(spec.id());
        List<AdminPricesPage.Row> rows = new ArrayList<>();
        for (String key : PriceCoverage.needed(spec)) {
            String current = live.stream().filter(p -> p.appliesTo(tier(key), quality(key))).findFirst()
                    .map(p -> Micros.format(p.micros())).orElse("");
            rows.add(new AdminPricesPage.Row(tier(key).label(), quality(key).map(Quality::wire).orElse("—"), field(key),
                    typed.getOrDefault(field(key), current)));
        }
        AdminPricesPage.Table table = new AdminPricesPage.Table(spec.id(), spec.displayName(),
                "/admin/prices/" + spec.id(), "/models/" + spec.id(), rows);
        return new AdminPricesPage(AdminPricesPage.newFrame(spec.displayName() + " prices"),
                AdminChrome.of(session, "/admin/prices"), links(Optional.of(spec.id())), Optional.of(table), saved,
                form);
    }

    private List<AdminPricesPage.ModelLink> links(Optional<String> current) {
        return catalog.all().stream().map(m -> new AdminPricesPage.ModelLink(m.id(), m.displayName(),
                "/admin/prices/" + m.id(), current.filter(m.id()::equals).isPresent())).toList();
    }

    private ModelSpec model(String id, HttpServletRequest request) {
        return catalog.find(id).orElseThrow(() -> new PageRefused(ErrorPage.noSuchModel(id)));
    }

    /** {@code 2K/hd} → {@code price_2K_hd}: a field name and element id that needs no escaping anywhere. */
    private static String field(String key) {
        return "price_" + key.replace('/', '_');
    }

    private static String label(String key) {
        return key.replace("/", " ");
    }

    private static SizeTier tier(String key) {
        return SizeTier.parse(key.split("/", 2)[0]);
    }

    private static Optional<Quality> quality(String key) {
        String[] parts = key.split("/", 2);
        return parts.length == 2 ? Optional.of(new Quality(parts[1])) : Optional.empty();
    }
}
