package io.bulwark.admin.axon;

import io.bulwark.events.AggregateCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds the target aggregate of a command from {@link AggregateCommand#targetId()}, so that the
 * command records of the {@code events} module need no Axon annotation. Commands that do not
 * implement {@link AggregateCommand} fall back to Axon's annotation-based resolution.
 *
 * <p>Commands carry no expected version: the console does not do optimistic locking on
 * configuration yet. Stateless and thread-safe.
 */
public final class AggregateCommandTargetResolver implements CommandTargetResolver {

    /** Bean name, referenced from {@code @Aggregate(commandTargetResolver = ...)}. */
    public static final String BEAN_NAME = "aggregateCommandTargetResolver";

    private final CommandTargetResolver fallback = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof AggregateCommand aggregateCommand) {
            String id = aggregateCommand.targetId();
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(
                        "Command " + command.getCommandName() + " has no target aggregate identifier");
            }
            return new VersionedAggregateIdentifier(id, null);
        }
        return fallback.resolveTarget(command);
    }
}
