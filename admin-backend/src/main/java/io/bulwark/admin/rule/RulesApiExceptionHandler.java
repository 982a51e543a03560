package io.bulwark.admin.rule;

import io.bulwark.admin.support.ApiError;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refusals of the rules and lists API into {@code {"error": "..."}} bodies an administrator can
 * act on: 404 for an unknown rule, list or entry; 409 for a taken name, a protected Default rule or a
 * concurrent change; 400 for anything else invalid (malformed JSON and bad parameters: {@link io.bulwark.admin.support.ApiExceptionHandler}); 503 when the read model
 * does not answer ({@link RulesUnavailableException}, answered by the shared handler). The most specific handler wins, so the subclasses of
 * {@link InvalidRuleCommandException} are not reported as plain 400s.
 */
@RestControllerAdvice(assignableTypes = {RulesController.class, GlobalListsController.class,
        RulePreviewController.class})
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

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
    }
}
