package io.bulwark.admin.licence;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.licence.BlockLicenceKeyCommand;
import io.bulwark.events.licence.CheckLicenceCommand;
import io.bulwark.events.licence.FindLicenceQuery;
import io.bulwark.events.licence.InstallLicenceKeyCommand;
import io.bulwark.events.licence.LicenceIds;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceNotice;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceView;
import io.bulwark.events.licence.RemoveLicenceKeyCommand;
import io.bulwark.events.licence.UnblockLicenceKeyCommand;
import io.bulwark.scan.licence.LicencePolicy;
import io.bulwark.scan.licence.LicenceRegister;
import io.bulwark.scan.licence.LicenceSettings;
import io.bulwark.scan.licence.LicenceStatus;
import io.bulwark.scan.licence.LicenceVerifier;
import io.bulwark.scan.licence.Verification;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Licence management behind the REST API and the console: verifies a key file (signature against
 * {@code bulwark.licence.public-key}, then its validity) before any command, exchanges activation
 * codes through the {@link ActivationService}, sends the licence commands, runs the licence check
 * right after each change (so its notice is in the history at once, not at the next scheduled
 * check), and answers what the licence allows now ({@link LicencePolicy} over the projection, with
 * this node's clock and settings).
 *
 * <p>Refusals: {@link InvalidLicenceKeyException} (400: tampered, untrusted, malformed, not valid
 * for the slot), {@link UnknownLicenceKeyException} (404), {@link LicenceConflictException} (409),
 * {@link IllegalStateException} (503: no answer, activation service unreachable). Stateless and
 * thread-safe.
 */
public class LicenceAdministration {

    /**
     * Everything the licence page shows.
     *
     * @param status             what the licence allows now
     * @param licence            the keys, deny list and notices
     * @param settings           this node's licence settings
     * @param trustedAuthorities the ids of the authority keys this installation trusts
     */
    public record Overview(LicenceStatus status, LicenceView licence, LicenceSettings settings,
            List<String> trustedAuthorities) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final LicenceVerifier verifier;
    private final ActivationService activation;
    private final LicenceSettings settings;
    private final Clock clock;

    public LicenceAdministration(CommandGateway commands, QueryGateway queries, LicenceVerifier verifier,
            ActivationService activation, LicenceSettings settings, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.verifier = verifier;
        this.activation = activation;
        this.settings = settings;
        this.clock = clock;
    }

    /** The licence as the projection holds it. */
    public LicenceView licence() {
        return BusCalls.await(queries.query(new FindLicenceQuery(), LicenceView.class), "Licence details");
    }

    /** What the licence allows now, with the keys and notices. */
    public Overview overview() {
        LicenceView view = licence();
        return new Overview(status(view), view, settings, verifier.trustedKeyIds());
    }

    /** What the licence allows now. */
    public LicenceStatus status() {
        return status(licence());
    }

    private LicenceStatus status(LicenceView view) {
        return LicencePolicy.evaluate(new LicenceRegister(view.active(), view.additional(), Set.copyOf(view.blocked()),
                view.keyEverInstalled()), clock.instant(), settings);
    }

    /** The settings of this node. */
    public LicenceSettings settings() {
        return settings;
    }

    /**
     * Verifies and installs a key file.
     *
     * @return what the installed key certifies
     */
    public LicenceKeyFacts install(String keyFile, LicenceSlot slot, String actor) {
        return install(keyFile, slot, LicenceIds.SOURCE_FILE, actor);
    }

    /** Exchanges an activation code for a key file, verifies and installs it. */
    public LicenceKeyFacts activate(String code, LicenceSlot slot, String actor) {
        if (code == null || code.isBlank()) {
            throw new InvalidLicenceKeyException("An activation code is required");
        }
        return install(activation.exchange(code.strip()), slot, LicenceIds.SOURCE_ACTIVATION_CODE, actor);
    }

    private LicenceKeyFacts install(String keyFile, LicenceSlot slot, String source, String actor) {
        if (keyFile == null || keyFile.isBlank()) {
            throw new InvalidLicenceKeyException("A licence key file is required");
        }
        Verification verification = verifier.verify(keyFile, clock.instant());
        if (!verification.authentic()) {
            throw new InvalidLicenceKeyException(verification.message());
        }
        LicenceKeyFacts key = verification.key();
        LicenceSlot target = slot == null ? LicenceSlot.ACTIVE : slot;
        send(new InstallLicenceKeyCommand(target, key, source, actor));
        check(actor);
        BusCalls.awaitVisible(() -> {
            LicenceView view = licence();
            LicenceKeyFacts shown = target == LicenceSlot.ACTIVE ? view.active() : view.additional();
            return shown != null && Objects.equals(shown.sha256(), key.sha256());
        });
        return key;
    }

    /** Removes the active or additional key (the additional one becomes active when the active one goes). */
    public void remove(LicenceSlot slot, String actor) {
        LicenceView before = licence();
        LicenceKeyFacts removed = slot == LicenceSlot.ADDITIONAL ? before.additional() : before.active();
        send(new RemoveLicenceKeyCommand(slot, actor));
        check(actor);
        BusCalls.awaitVisible(() -> {
            LicenceView view = licence();
            LicenceKeyFacts shown = slot == LicenceSlot.ADDITIONAL ? view.additional() : view.active();
            return removed == null || shown == null || !shown.licenceNumber().equals(removed.licenceNumber());
        });
    }

    /** Puts a licence number on the deny list. */
    public void block(String licenceNumber, String reason, String actor) {
        send(new BlockLicenceKeyCommand(licenceNumber, reason, actor));
        check(actor);
        BusCalls.awaitVisible(() -> licence().blocked().contains(licenceNumber.strip()));
    }

    /** Takes a licence number off the deny list. */
    public void unblock(String licenceNumber, String actor) {
        send(new UnblockLicenceKeyCommand(licenceNumber, actor));
        check(actor);
        BusCalls.awaitVisible(() -> !licence().blocked().contains(licenceNumber.strip()));
    }

    /** Runs the licence check now (raises a notice if the state changed since the last one). */
    public void check(String actor) {
        Object raised = send(new CheckLicenceCommand(settings.warningDays(), settings.enforce(), actor));
        if (raised instanceof LicenceNotice notice) {
            Instant asked = clock.instant().minusSeconds(60);
            BusCalls.awaitVisible(() -> licence().notices().stream().findFirst()
                    .filter(n -> n.notice() == notice && !n.at().isBefore(asked)).isPresent());
        }
    }

    private Object send(Object command) {
        CompletableFuture<Object> sent = commands.send(command);
        return BusCalls.await(sent, "Licence commands");
    }

    /** Now, by this node's clock. */
    Instant now() {
        return clock.instant();
    }
}
