package io.bulwark.admin.audit;

import io.bulwark.events.audit.AuditEntryView;
import java.util.ArrayList;
import java.util.List;

/**
 * What one event says for the audit log, as a mapping in {@link AuditCatalog} extracts it. Built
 * fluently: {@code AuditFacts.by(e.actor()).on("rule", e.ruleId(), e.definition().name())
 * .settings(e.definition()).says("Edited {object}")}. Immutable.
 *
 * @param type        overrides the mapping's type (e.g. {@code LoginFailed} for a failed login)
 * @param user        who acted
 * @param address     the source address, where the event itself records it (else the request's
 *                    address from the event's metadata is used)
 * @param objectKind  the kind of object ("rule", "account"); null if none
 * @param objectKey   the object's identity within its kind
 * @param objectName  the object's name, if the event carries it (else the name remembered from an
 *                    earlier event about the same object is shown)
 * @param result      {@link AuditEntryView#SUCCESS} (default) or {@link AuditEntryView#FAILURE}
 * @param description the line shown; {@code {object}} is replaced by the object's display form
 * @param settings    the object's settings after the action (any record or value Jackson can
 *                    write); changes are computed against the settings remembered from the
 *                    previous event about the same object, secrets masked
 * @param patches     single settings changed by the action (path, new value), for events that do
 *                    not carry the whole settings ("rule enabled")
 * @param forget      the object is gone: forget its remembered name and settings afterwards
 * @param remembered  other objects whose settings this event sets without an entry of their own
 *                    (a rule set's initial rules), so later changes diff against them
 * @param settingsBefore the object's settings before the action when the event itself says so (a
 *                    settings area's change carries what was in force before, its start values on
 *                    the first change); wins over the remembered settings
 */
public record AuditFacts(String type, String user, String address, String objectKind, String objectKey,
        String objectName, String result, String description, Object settings, List<Patch> patches, boolean forget,
        List<Remembered> remembered, Object settingsBefore) {

    /** One setting set to a new value. */
    public record Patch(String path, String value) {
    }

    /** An object's settings to remember. */
    public record Remembered(String objectKind, String objectKey, String objectName, Object settings) {
    }

    public AuditFacts {
        patches = patches == null ? List.of() : List.copyOf(patches);
        remembered = remembered == null ? List.of() : List.copyOf(remembered);
        result = result == null ? AuditEntryView.SUCCESS : result;
    }

    /** An action by this user. */
    public static AuditFacts by(String user) {
        return new AuditFacts(null, user, null, null, null, null, null, null, null, null, false, null, null);
    }

    public AuditFacts type(String newType) {
        return new AuditFacts(newType, user, address, objectKind, objectKey, objectName, result, description, settings,
                patches, forget, remembered, settingsBefore);
    }

    public AuditFacts from(String newAddress) {
        return new AuditFacts(type, user, newAddress, objectKind, objectKey, objectName, result, description, settings,
                patches, forget, remembered, settingsBefore);
    }

    /** The object acted on; {@code name} may be null. */
    public AuditFacts on(String kind, String key, String name) {
        return new AuditFacts(type, user, address, kind, key, name, result, description, settings, patches, forget,
                remembered, settingsBefore);
    }

    public AuditFacts failed(boolean failed) {
        return new AuditFacts(type, user, address, objectKind, objectKey, objectName,
                failed ? AuditEntryView.FAILURE : AuditEntryView.SUCCESS, description, settings, patches, forget,
                remembered, settingsBefore);
    }

    public AuditFacts says(String newDescription) {
        return new AuditFacts(type, user, address, objectKind, objectKey, objectName, result, newDescription, settings,
                patches, forget, remembered, settingsBefore);
    }

    public AuditFacts settings(Object newSettings) {
        return new AuditFacts(type, user, address, objectKind, objectKey, objectName, result, description, newSettings,
                patches, forget, remembered, settingsBefore);
    }

    /** The object's settings before and after, both from the event. */
    public AuditFacts settings(Object before, Object after) {
        return new AuditFacts(type, user, address, objectKind, objectKey, objectName, result, description, after,
                patches, forget, remembered, before);
    }

    public AuditFacts patch(String path, Object value) {
        List<Patch> more = new ArrayList<>(patches);
        more.add(new Patch(path, value == null ? null : String.valueOf(value)));
        return new AuditFacts(type, user, address, objectKind, objectKey, objectName, result, description, settings,
                more, forget, remembered, settingsBefore);
    }

    public AuditFacts removesObject() {
        return new AuditFacts(type, user, address, objectKind, objectKey, objectName, result, description, settings,
                patches, true, remembered, settingsBefore);
    }

    public AuditFacts remembers(String kind, String key, String name, Object objectSettings) {
        List<Remembered> more = new ArrayList<>(remembered);
        more.add(new Remembered(kind, key, name, objectSettings));
        return new AuditFacts(type, user, address, objectKind, objectKey, objectName, result, description, settings,
                patches, forget, more, settingsBefore);
    }
}
