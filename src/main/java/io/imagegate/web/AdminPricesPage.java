package io.imagegate.web;

import java.util.List;
import java.util.Optional;

/**
 * A model's live price table as a form: a row per size tier × quality the model produces, each a price in dollars.
 * {@code models} lists every model, to move between tables.
 *
 * @param saved after a table was just booked: the change is live for the next request and on the model's page
 */
public record AdminPricesPage(Frame frame, AdminChrome chrome, List<ModelLink> models, Optional<Table> table,
        boolean saved, AdminForm form) {

    public record ModelLink(String id, String name, String href, boolean current) {
    }

    public record Table(String id, String name, String action, String modelPage, List<Row> rows) {
    }

    /** One cell of the table; {@code field} is the form field and the input's id. */
    public record Row(String tier, String quality, String field, String price) {
    }

    static Frame newFrame(String title) {
        return Frame.of(title + " · Admin", Section.ADMIN);
    }
}
