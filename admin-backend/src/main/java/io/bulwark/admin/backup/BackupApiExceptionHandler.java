package io.bulwark.admin.backup;

import io.bulwark.admin.support.ApiError;
import io.bulwark.store.backup.BackupStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of the Backup API as {@code {"error": "..."}}: 404 for a copy that is not stored or was
 * deleted, 400 for invalid filters or commands, 500 with a plain message for a damaged copy.
 */
@RestControllerAdvice(assignableTypes = BackupController.class)
public class BackupApiExceptionHandler {

    @ExceptionHandler({UnknownBackupCopyException.class, BackupCopyDeletedException.class})
    ResponseEntity<ApiError> notFound(RuntimeException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({InvalidBackupCommandException.class, IllegalArgumentException.class})
    ResponseEntity<ApiError> invalid(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(BackupStoreException.class)
    ResponseEntity<ApiError> damaged(BackupStoreException e) {
        return error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
    }
}
