package io.bulwark.admin.antispam;

import io.bulwark.admin.support.ApiError;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of the DNS lists API as {@code {"error": "..."}}: 404 for an unknown symbol, 409 for a
 * symbol or zone taken or a concurrent change, 400 for anything invalid, malformed JSON included.
 */
@RestControllerAdvice(assignableTypes = DnsListsController.class)
public class DnsListsApiExceptionHandler {

    @ExceptionHandler(UnknownDnsListException.class)
    ResponseEntity<ApiError> notFound(UnknownDnsListException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(DnsListTakenException.class)
    ResponseEntity<ApiError> taken(DnsListTakenException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ApiError> concurrentChange(ConcurrencyException e) {
        return error(HttpStatus.CONFLICT, "Someone else changed the DNS lists at the same moment; reload and try again");
    }

    @ExceptionHandler(InvalidDnsListException.class)
    ResponseEntity<ApiError> invalid(InvalidDnsListException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
    }
}
