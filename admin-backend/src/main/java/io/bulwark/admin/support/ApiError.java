package io.bulwark.admin.support;

/**
 * The body of every refused API call: {@code {"error": "<one line for the caller>"}}, the one home
 * for it (every controller and exception handler of the API answers with this record).
 */
public record ApiError(String error) {
}
