package io.bulwark.admin.licence;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.licence.BlockLicenceKeyCommand;
import io.bulwark.events.licence.CheckLicenceCommand;
import io.bulwark.events.licence.InstallLicenceKeyCommand;
import io.bulwark.events.licence.LicenceIds;
import io.bulwark.events.licence.LicenceKeyBlockedEvent;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceKeyUnblockedEvent;
import io.bulwark.events.licence.LicenceNotice;
import io.bulwark.events.licence.LicenceNoticeRaisedEvent;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.events.licence.RemoveLicenceKeyCommand;
import io.bulwark.events.licence.UnblockLicenceKeyCommand;
import io.bulwark.scan.licence.LicencePhase;
import io.bulwark.scan.licence.LicencePolicy;
import io.bulwark.scan.licence.LicenceRegister;
import io.bulwark.scan.licence.LicenceSettings;
import io.bulwark.scan.licence.LicenceStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The installation's licence as one event-sourced aggregate ({@value LicenceIds#AGGREGATE_ID}): the
 * active and additional key, the deny list, the trial licences used, and the last notice raised.
 * The keys are read through {@link LicenceRegister}, the reading every gateway node shares.
 *
 * <p>Rules: a trial licence installs once; a blocked licence does not install; the active key must
 * have started (a later one goes in as the additional key) and must not be an expired trial (an
 * expired commercial key may be installed: scanning goes on, updates stop); an additional key needs
 * an active key, must not have expired and must differ from it. Removing the active key promotes the
 * additional one.
 *
 * <p>The licence check ({@link CheckLicenceCommand}) promotes the additional key once the active one
 * has run out (past expiry, grace included or not), then raises a {@link LicenceNoticeRaisedEvent}
 * only when the phase or the key differs from the last notice's: every admin node checks on a
 * schedule, and because their commands meet here, one after the other, each transition is raised
 * once. The check answers with the notice it raised (null for none), so a caller can wait for it. Times come from Axon's event clock. Command handlers validate, then apply; event-sourcing
 * handlers only assign.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class Licence {
    @AggregateIdentifier
    private String id;
    private LicenceRegister register = LicenceRegister.EMPTY;
    private final Set<String> trialsUsed = new HashSet<>();
    private LicencePhase lastPhase;
    private String lastLicenceNumber;

    /** For Axon: instances are rebuilt from events. */
    protected Licence() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(InstallLicenceKeyCommand command) {
        requireActor(command.actor());
        LicenceKeyFacts key = command.key();
        if (key == null || command.slot() == null) {
            throw new InvalidLicenceKeyException("A key and a slot (active or additional) are required");
        }
        if (!LicenceIds.SOURCE_FILE.equals(command.source())
                && !LicenceIds.SOURCE_ACTIVATION_CODE.equals(command.source())) {
            throw new InvalidLicenceKeyException("A key comes from a key file or an activation code");
        }
        String number = key.licenceNumber();
        if (register.blocked().contains(number)) {
            throw new LicenceConflictException("Licence " + number + " is blocked and cannot be installed");
        }
        if (key.type() == LicenceType.TRIAL && trialsUsed.contains(number)) {
            throw new LicenceConflictException("Trial licence " + number + " was installed before: a trial key "
                    + "can be used once");
        }
        Instant now = now();
        LicenceKeyFacts current = command.slot() == LicenceSlot.ACTIVE ? register.active() : register.additional();
        if (command.slot() == LicenceSlot.ACTIVE) {
            if (now.isBefore(key.start())) {
                throw new InvalidLicenceKeyException("Licence " + number + " is valid from " + key.start()
                        + " only: add it as the additional key, it becomes active when the current key expires");
            }
            if (!now.isBefore(key.expiry()) && !LicencePolicy.installableExpired(key.type())) {
                throw new InvalidLicenceKeyException("Trial licence " + number + " expired on " + key.expiry()
                        + " and cannot be activated");
            }
            if (current != null && current.licenceNumber().equals(number) && Objects.equals(current.sha256(),
                    key.sha256())) {
                throw new LicenceConflictException("Licence " + number + " is the active key already");
            }
        } else {
            LicenceKeyFacts active = register.active();
            if (active == null) {
                throw new InvalidLicenceKeyException("Install an active key first: the additional key is the one "
                        + "that takes over when the active key expires");
            }
            if (active.licenceNumber().equals(number)) {
                throw new LicenceConflictException("Licence " + number + " is the active key already");
            }
            if (!now.isBefore(key.expiry())) {
                throw new InvalidLicenceKeyException("Licence " + number + " expired on " + key.expiry()
                        + ": an expired key cannot be the additional key");
            }
        }
        apply(new LicenceKeyInstalledEvent(command.slot(), key, current == null ? null : current.licenceNumber(),
                command.source(), command.actor(), now));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RemoveLicenceKeyCommand command) {
        requireActor(command.actor());
        if (command.slot() == null) {
            throw new InvalidLicenceKeyException("Say which key to remove: active or additional");
        }
        LicenceKeyFacts key = command.slot() == LicenceSlot.ACTIVE ? register.active() : register.additional();
        if (key == null) {
            throw new UnknownLicenceKeyException("There is no " + command.slot().name().toLowerCase(java.util.Locale.ROOT)
                    + " licence key");
        }
        Instant now = now();
        apply(new LicenceKeyRemovedEvent(command.slot(), key, command.actor(), now));
        if (command.slot() == LicenceSlot.ACTIVE && register.additional() != null) {
            apply(new LicenceKeyPromotedEvent(register.additional(), key.licenceNumber(), "the active key was removed",
                    command.actor(), now));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(BlockLicenceKeyCommand command) {
        requireActor(command.actor());
        String number = command.licenceNumber() == null ? "" : command.licenceNumber().strip();
        if (number.isEmpty()) {
            throw new InvalidLicenceKeyException("A licence number is required");
        }
        if (register.blocked().contains(number)) {
            throw new LicenceConflictException("Licence " + number + " is blocked already");
        }
        apply(new LicenceKeyBlockedEvent(number, command.reason() == null ? "" : command.reason().strip(),
                command.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UnblockLicenceKeyCommand command) {
        requireActor(command.actor());
        if (command.licenceNumber() == null || !register.blocked().contains(command.licenceNumber().strip())) {
            throw new UnknownLicenceKeyException("Licence " + command.licenceNumber() + " is not blocked");
        }
        apply(new LicenceKeyUnblockedEvent(command.licenceNumber().strip(), command.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LicenceNotice handle(CheckLicenceCommand command) {
        requireActor(command.actor());
        LicenceSettings settings;
        try {
            settings = new LicenceSettings(command.enforce(), command.warningDays());
        } catch (IllegalArgumentException e) {
            throw new InvalidLicenceKeyException(e.getMessage());
        }
        Instant now = now();
        LicenceStatus status = LicencePolicy.evaluate(register, now, settings);
        LicenceKeyFacts next = register.additional();
        boolean runOut = register.active() == null || status.phase() == LicencePhase.GRACE_PERIOD
                || status.phase() == LicencePhase.EXPIRED || status.phase() == LicencePhase.TRIAL_EXPIRED;
        if (runOut && next != null && !now.isBefore(next.start()) && now.isBefore(next.expiry())
                && !register.blocked().contains(next.licenceNumber())) {
            apply(new LicenceKeyPromotedEvent(next, register.active() == null ? null
                    : register.active().licenceNumber(), "the active key " + status.phase().name().toLowerCase(
                            java.util.Locale.ROOT).replace('_', ' '), command.actor(), now));
            status = LicencePolicy.evaluate(register, now, settings);
        }
        LicencePhase phase = status.phase();
        if (phase == LicencePhase.COMMUNITY
                || (phase == lastPhase && Objects.equals(status.licenceNumber(), lastLicenceNumber))) {
            return null;
        }
        LicenceNotice notice = phase.notice();
        if (phase == LicencePhase.VALID && lastPhase != null && lastPhase.warns()) {
            notice = LicenceNotice.RENEWED;
        }
        apply(new LicenceNoticeRaisedEvent(notice, status.licenceNumber(), status.functionality(), status.keyType(),
                status.daysLeft(), status.expiry(), status.scanningAllowed(), status.updatesAllowed(), status.message(),
                command.actor(), now));
        return notice;
    }

    @EventSourcingHandler
    void on(LicenceKeyInstalledEvent event) {
        id = LicenceIds.AGGREGATE_ID;
        register = register.apply(event);
        if (event.key().type() == LicenceType.TRIAL) {
            trialsUsed.add(event.key().licenceNumber());
        }
    }

    @EventSourcingHandler
    void on(LicenceKeyRemovedEvent event) {
        id = LicenceIds.AGGREGATE_ID;
        register = register.apply(event);
    }

    @EventSourcingHandler
    void on(LicenceKeyPromotedEvent event) {
        id = LicenceIds.AGGREGATE_ID;
        register = register.apply(event);
    }

    @EventSourcingHandler
    void on(LicenceKeyBlockedEvent event) {
        id = LicenceIds.AGGREGATE_ID;
        register = register.apply(event);
    }

    @EventSourcingHandler
    void on(LicenceKeyUnblockedEvent event) {
        id = LicenceIds.AGGREGATE_ID;
        register = register.apply(event);
    }

    @EventSourcingHandler
    void on(LicenceNoticeRaisedEvent event) {
        id = LicenceIds.AGGREGATE_ID;
        lastPhase = LicencePhase.of(event.notice());
        lastLicenceNumber = event.licenceNumber();
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidLicenceKeyException("The actor is required");
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
