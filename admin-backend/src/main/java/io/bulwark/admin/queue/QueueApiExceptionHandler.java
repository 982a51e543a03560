package io.bulwark.admin.queue;

import io.bulwark.admin.support.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Errors of the queue and node APIs as {@code {"error": "..."}}: 400 for invalid requests (unknown
 * action, queue or sort, bad ids, malformed JSON), 403 for an action the role may not take, 503 when
 * the backend does not answer (the shared {@link io.bulwark.admin.support.ApiExceptionHandler}).
 */
@RestControllerAdvice(assignableTypes = {QueueController.class, NodesController.class})
public class QueueApiExceptionHandler {

    @ExceptionHandler(InvalidQueueCommandException.class)
    ResponseEntity<ApiError> invalid(InvalidQueueCommandException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ApiError> status(ResponseStatusException e) {
        return error(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
    }
}
