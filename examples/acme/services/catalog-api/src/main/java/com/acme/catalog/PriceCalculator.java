package com.acme.catalog;

import java.util.Optional;

/** Shelf price of a variant after the best active promotion. */
public final class PriceCalculator {

    // northstar:priority catalog-freshness
    public long shelfPriceMinor(long listPriceMinor, Optional<Integer> promotionPercentOff) {
        if (listPriceMinor < 0) {
            throw new IllegalArgumentException("list price must not be negative");
        }
        int percent = promotionPercentOff.orElse(0);
        if (percent < 0 || percent > 90) {
            throw new IllegalArgumentException("promotion out of range: " + percent);
        }
        return Math.round(listPriceMinor * (100 - percent) / 100.0);
    }
}
