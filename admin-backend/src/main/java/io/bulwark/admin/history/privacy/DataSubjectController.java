package io.bulwark.admin.history.privacy;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.history.ForgetDataSubjectCommand;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/history/subjects/forget} with {@code {"address": "...", "reason": "..."}}
 * (ADMINISTRATOR): forgets a data subject (docs/history.md, "Forgetting a person"). 200 with
 * {@code {"subjectId": "ds-..."}}; 400 for an invalid address or while personal-data encryption is off.
 */
@RestController
@RequestMapping("/api/v1/history/subjects")
public class DataSubjectController {
    private final CommandGateway commands;

    public DataSubjectController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/forget")
    public Map<String, String> forget(@RequestBody ForgetRequest request, Authentication user) {
        String subjectId = BusCalls.await(commands.send(new ForgetDataSubjectCommand(
                request == null ? null : request.address(), user.getName(), request == null ? null : request.reason())),
                "Data subjects");
        return Map.of("subjectId", subjectId);
    }

    /** The body of a forget request. */
    public record ForgetRequest(String address, String reason) {
    }
}
