package io.bulwark.admin.antispam;

import io.bulwark.admin.backup.UnknownBackupCopyException;
import io.bulwark.admin.support.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of the training API as {@code {"error": "..."}}: 400 for a request that cannot be
 * carried out as given, 404 for a message without a Backup copy or an unknown mark, 409 for a mark
 * that has the verdict already or is not marked.
 */
@RestControllerAdvice(assignableTypes = AntiSpamTrainingController.class)
public class AntiSpamApiExceptionHandler {

    @ExceptionHandler({InvalidTrainingException.class, IllegalArgumentException.class})
    ResponseEntity<ApiError> invalid(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, HttpMessageNotReadableException.class})
    ResponseEntity<ApiError> unreadable(Exception e) {
        return error(HttpStatus.BAD_REQUEST, "Unreadable request: 'verdict' is SPAM or HAM");
    }

    @ExceptionHandler({UnknownTrainingException.class, UnknownBackupCopyException.class})
    ResponseEntity<ApiError> notFound(RuntimeException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(TrainingConflictException.class)
    ResponseEntity<ApiError> conflict(TrainingConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
    }
}
