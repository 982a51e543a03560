package io.bulwark.admin.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one answer of every API controller to a request it cannot read: 400 with {@link ApiError},
 * saying which field or parameter is wrong in the caller's words (no Jackson class names or source
 * positions); and to a backend that does not answer ({@link BackendUnavailableException}): 503. Area handlers (rules, queue, Backup, DKIM, certificates, settings) map only their own
 * refusals; this advice runs after them ({@link Ordered#LOWEST_PRECEDENCE}). An area answers these
 * three Spring exceptions itself only where it has something more precise to say (anti-spam
 * training names the verdict it expects), and then through an advice limited to its controllers.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler {

    /**
     * A backend the request needs did not answer (bus, read model, activation service): 503, for
     * every controller. Deliberately not {@link IllegalStateException} in general: one thrown by a
     * bug is a 500, not "try again later".
     */
    @ExceptionHandler(BackendUnavailableException.class)
    ResponseEntity<ApiError> unavailable(BackendUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new ApiError(describe(e)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new ApiError("'" + e.getParameterName() + "' is required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(new ApiError("Invalid value '" + e.getValue() + "' for '" + e.getName() + "'"));
    }

    /**
     * Says which field is wrong without Jackson's class names and source positions: the records'
     * constructors reject missing required values with a {@link NullPointerException} naming the
     * field, and enums list the accepted values.
     */
    public static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String where = path.isEmpty() ? "" : " at '" + path + "'";
            if (mapping.getCause() instanceof NullPointerException npe && npe.getMessage() != null) {
                return "'" + npe.getMessage() + "' is required" + where;
            }
            if (mapping instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                return "Invalid value '" + format.getValue() + "'" + where + ": expected one of "
                        + Arrays.toString(format.getTargetType().getEnumConstants());
            }
            return "Invalid request body" + where + ": " + mapping.getOriginalMessage();
        }
        if (cause instanceof JsonProcessingException json) {
            return "Malformed JSON: " + json.getOriginalMessage();
        }
        return "A JSON request body is required";
    }
}
