package io.bulwark.admin.support;

/**
 * The body of every refused API call: {@code {"error": "<one line for the caller>"}}. New controllers
 * use this one; older ones still declare an equal record of their own (same JSON).
 */
public record ApiError(String error) {
}
