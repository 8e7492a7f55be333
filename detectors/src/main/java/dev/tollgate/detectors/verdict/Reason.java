package dev.tollgate.detectors.verdict;

/**
 * One reason of a verdict as the contract writes it: {@code code}, {@code severity} (exclude, review, info, shadow),
 * {@code detector} and {@code evidence}, the latter kept as a JSON object text.
 */
public record Reason(String code, String severity, String detector, String evidence) {
}
