package com.acme.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriceCalculatorTest {
    private final PriceCalculator calculator = new PriceCalculator();

    @Test
    void appliesThePromotion() {
        assertEquals(3680, calculator.shelfPriceMinor(4600, Optional.of(20)));
    }

    @Test
    void keepsTheListPriceWithoutPromotion() {
        assertEquals(4600, calculator.shelfPriceMinor(4600, Optional.empty()));
    }

    @Test
    void rejectsAbsurdPromotions() {
        assertThrows(IllegalArgumentException.class, () -> calculator.shelfPriceMinor(4600, Optional.of(95)));
    }
}
