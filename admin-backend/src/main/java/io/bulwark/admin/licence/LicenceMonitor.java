package io.bulwark.admin.licence;

import io.bulwark.events.licence.LicenceIds;
import io.bulwark.admin.support.PeriodicTask;
import java.time.Duration;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled licence check: every {@code bulwark.licence.check-interval} (default 1 h; 0 turns it
 * off), after {@code bulwark.licence.check-initial-delay} (default 30 s, so the buses are up), sends
 * the licence check, which raises expiry warnings, expiries, grace periods and renewals as they
 * happen. Every admin node runs one; the aggregate raises each transition once however many ask, and
 * a check that loses the race to another node's (a concurrency conflict on the aggregate) is simply
 * skipped: the other node's check has done the work; other failures are logged and tried again at
 * the next interval ({@link PeriodicTask}).
 */
public final class LicenceMonitor extends PeriodicTask {
    private static final Logger log = LoggerFactory.getLogger(LicenceMonitor.class);

    private final LicenceAdministration licence;

    public LicenceMonitor(LicenceAdministration licence, Duration interval, Duration initialDelay) {
        super("bulwark-licence-check", initialDelay, interval);
        this.licence = licence;
    }

    @Override
    protected void runOnce() {
        checkOnce();
    }

    /** One check; a lost race with another node's check is not a failure (the other did the work). */
    void checkOnce() {
        try {
            licence.check(LicenceIds.SYSTEM_ACTOR);
        } catch (ConcurrencyException e) { // AggregateStreamCreationException included
            log.debug("Licence check: another node checked at the same moment ({})", e.toString());
        }
    }
}
