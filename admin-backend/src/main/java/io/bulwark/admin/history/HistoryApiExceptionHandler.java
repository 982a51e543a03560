package io.bulwark.admin.history;

import io.bulwark.admin.support.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the history API as {@code {"error": "..."}}: 400 for invalid requests (503 without an answer: {@link io.bulwark.admin.support.ApiExceptionHandler}). */
@RestControllerAdvice(assignableTypes = {HistoryController.class,
        io.bulwark.admin.history.retention.HistoryRetentionController.class,
        io.bulwark.admin.history.privacy.DataSubjectController.class})
public class HistoryApiExceptionHandler {

    @ExceptionHandler({InvalidHistoryCommandException.class, IllegalArgumentException.class})
    ResponseEntity<ApiError> invalid(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
    }
}
