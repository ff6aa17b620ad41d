package io.imagegate.admin;

import io.imagegate.billing.PriceBook;
import io.imagegate.billing.PriceCoverage;
import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.money.Micros;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A model's live price table: {@code GET} reads it, {@code PUT} replaces it whole. The table must price exactly
 * the tier × quality pairs the model can produce, so no request can ever find its price missing. Both answer
 * the shape {@code PUT} takes, so a table read, edited and sent back changes only what was edited.
 */
@RestController
public class AdminPricesController {

    private static final String CURRENCY = "USD";

    private final Catalog catalog;
    private final PriceBook prices;

    public AdminPricesController(Catalog catalog, PriceBook prices) {
        this.catalog = catalog;
        this.prices = prices;
    }

    record PriceRow(String sizeTier, String quality, String price) {
    }

    record ModelPrices(String model, String currency, List<PriceRow> prices) {
    }

    @GetMapping("/admin/v1/prices/{model}")
    ModelPrices read(@PathVariable String model) {
        return current(model(model));
    }

    /**
     * {@code model} and {@code currency} may come back as {@code GET} gave them; they cannot be changed here, so
     * another value is a 400 rather than a table booked for another model or in another currency.
     */
    @PutMapping("/admin/v1/prices/{model}")
    ModelPrices replace(@PathVariable String model, HttpServletRequest http) throws IOException {
        ModelSpec spec = model(model);
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("model", "currency", "prices"), "for a price table");
        Optional<String> named = body.optionalString("model");
        if (named.isPresent() && !named.get().equals(spec.id())) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'model' is '" + named.get() + "' but the path names '"
                    + spec.id() + "'. Leave 'model' out, or PUT to /admin/v1/prices/" + named.get() + ".", "model");
        }
        Optional<String> currency = body.optionalString("currency");
        if (currency.isPresent() && !currency.get().equals(CURRENCY)) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'currency' must be \"" + CURRENCY + "\", the currency"
                    + " of every account; got '" + currency.get() + "'.", "currency");
        }
        List<JsonObject> rows = body.optionalObjectList("prices").orElseThrow(() -> new ApiException(
                ErrorCode.MISSING_PARAMETER, "Missing 'prices': [{\"size_tier\": \"1K\", \"quality\": …,"
                        + " \"price\": \"0.039\"}, …].", "prices"));
        List<Price> table = new ArrayList<>();
        for (JsonObject row : rows) {
            row.rejectUnknown(Set.of("size_tier", "quality", "price"), "in a price row");
            table.add(new Price(tier(row.requireString("size_tier")),
                    row.optionalString("quality").map(AdminPricesController::quality),
                    AdminAmounts.unsigned(row.requireString("price"), "price")));
        }
        checkCovers(spec, table);
        prices.replace(spec.id(), table);
        return current(spec);
    }

    private ModelSpec model(String id) {
        return catalog.find(id).orElseThrow(() -> new ApiException(ErrorCode.NO_SUCH_MODEL,
                "The model '" + id + "' does not exist. GET /v1/models lists the models this gateway serves."));
    }

    private ModelPrices current(ModelSpec spec) {
        return new ModelPrices(spec.id(), CURRENCY, prices.pricesOf(spec.id()).stream()
                .map(p -> new PriceRow(p.tier().label(), p.quality().map(Quality::wire).orElse(null),
                        Micros.format(p.micros())))
                .toList());
    }

    /** The rule lives in {@link PriceCoverage}, shared with the admin console; the API answers its first problem. */
    private static void checkCovers(ModelSpec model, List<Price> table) {
        List<String> problems = PriceCoverage.problems(model, table);
        if (!problems.isEmpty()) {
            throw invalid(problems.getFirst());
        }
    }

    private static SizeTier tier(String label) {
        try {
            return SizeTier.parse(label);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static Quality quality(String wire) {
        try {
            return new Quality(wire);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ApiException invalid(String problem) {
        return new ApiException(ErrorCode.INVALID_VALUE, "The price table " + problem + ".", "prices");
    }
}
