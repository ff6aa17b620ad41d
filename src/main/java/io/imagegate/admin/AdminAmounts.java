package io.imagegate.admin;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.money.Micros;

/** Reads money fields of admin requests: decimal strings in USD, a leading '-' only where a sign makes sense. */
final class AdminAmounts {

    private AdminAmounts() {
    }

    static long unsigned(String amount, String param) {
        try {
            return Micros.parse(amount);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + param + "': " + e.getMessage()
                    + ". Amounts are non-negative decimal strings in USD, e.g. \"10.00\".", param);
        }
    }

    static long signed(String amount, String param) {
        boolean negative = amount.startsWith("-");
        long micros = unsigned(negative ? amount.substring(1) : amount, param);
        return negative ? -micros : micros;
    }
}
