package io.bulwark.admin.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.bulwark.admin.support.ApiError;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns refusals of the rules and lists API into {@code {"error": "..."}} bodies an administrator can
 * act on: 404 for an unknown rule, list or entry; 409 for a taken name, a protected Default rule or a
 * concurrent change; 400 for anything else invalid, malformed JSON included; 503 when the read model
 * does not answer. The most specific handler wins, so the subclasses of
 * {@link InvalidRuleCommandException} are not reported as plain 400s.
 */
@RestControllerAdvice(assignableTypes = {RulesController.class, GlobalListsController.class})
public class RulesApiExceptionHandler {

    @ExceptionHandler(UnknownRuleException.class)
    ResponseEntity<ApiError> notFound(UnknownRuleException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({RuleNameTakenException.class, ProtectedRuleException.class})
    ResponseEntity<ApiError> conflict(InvalidRuleCommandException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ApiError> concurrentChange(ConcurrencyException e) {
        return error(HttpStatus.CONFLICT, "Someone else changed the rules at the same moment; reload and try again");
    }

    @ExceptionHandler(InvalidRuleCommandException.class)
    ResponseEntity<ApiError> invalid(InvalidRuleCommandException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, describe(e));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "'" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "Invalid value '" + e.getValue() + "' for '" + e.getName() + "'");
    }

    @ExceptionHandler(RulesUnavailableException.class)
    ResponseEntity<ApiError> unavailable(RulesUnavailableException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
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
