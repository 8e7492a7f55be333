package dev.tollgate.detectors.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount in major currency units with its ISO 4217 code, as the contract writes money. */
public record Money(BigDecimal value, String currency) implements java.io.Serializable {

    public static Money of(String value, String currency) {
        return new Money(new BigDecimal(value), currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO.setScale(2), currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(value.add(other.value), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(value.subtract(other.value), currency);
    }

    public Money times(BigDecimal factor) {
        return new Money(value.multiply(factor), currency);
    }

    public Money atLeastZero() {
        return value.signum() < 0 ? zero(currency) : this;
    }

    /** Two decimals, half-up: the form verdicts carry. */
    public Money rounded() {
        return new Money(value.setScale(2, RoundingMode.HALF_UP), currency);
    }

    public int compareValue(Money other) {
        requireSameCurrency(other);
        return value.compareTo(other.value);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return value.toPlainString() + " " + currency;
    }
}
