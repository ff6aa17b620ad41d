package io.imagegate.billing;

/**
 * Placeholders for one statement over many rows, {@code (?, ?), (?, ?)}: a batch's rows go to the database in
 * one round trip, the same on SQLite and PostgreSQL, whatever the driver does with JDBC batches.
 */
final class SqlRows {

    private SqlRows() {
    }

    /** {@code rows} groups of {@code columns} placeholders, comma-separated. */
    static String placeholders(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException(rows + " rows of " + columns + " columns have no placeholders");
        }
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        return (row + ", ").repeat(rows - 1) + row;
    }
}
