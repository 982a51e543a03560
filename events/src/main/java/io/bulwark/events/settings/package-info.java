/**
 * Node settings that used to be Spring properties only (mail routing first): commands, events and
 * the pure records and parsers both the admin side (to validate) and the gateway (to apply) use.
 * Each settings area is one aggregate with a constant identifier ({@link SettingsIds}); each change
 * event carries the whole area before and after, so that an auditor reads old and new without a
 * replay and a node applies the last event without folding.
 */
package io.bulwark.events.settings;
