package io.bulwark.admin.rule;

import io.bulwark.events.AggregateCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Routes by {@link AggregateCommand#targetId()}, as the production resolver bean
 * ({@code aggregateCommandTargetResolver}) does. Axon 4.13 has no method-based resolver, and this
 * branch must not depend on the main branch's class, so the tests carry this three-line copy.
 */
final class TargetIdResolver implements CommandTargetResolver {
    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        return new VersionedAggregateIdentifier(((AggregateCommand) command.getPayload()).targetId(), null);
    }
}
