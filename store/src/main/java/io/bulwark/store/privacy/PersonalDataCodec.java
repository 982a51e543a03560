package io.bulwark.store.privacy;

/**
 * How the store writes and reads {@link io.bulwark.events.PersonalData} values (ADR 0029). Thread-safe.
 */
public interface PersonalDataCodec {
    /** The codec of an installation without personal-data encryption: values are stored as they are. */
    PersonalDataCodec NONE = new PersonalDataCodec() {
        @Override
        public String seal(String value) {
            return value;
        }

        @Override
        public String sealOf(String owner, String value) {
            return value;
        }

        @Override
        public String open(String stored) {
            return stored;
        }
    };

    /** The stored form of an address (encrypted under its subject's key). */
    String seal(String value);

    /**
     * The stored form of a value that is not an address but belongs to one (a subject line, a HELO
     * name, a client address: ADR 0038), encrypted under {@code owner}'s subject key.
     */
    String sealOf(String owner, String value);

    /** The plain value of a stored one; {@code [forgotten]} when its subject was forgotten. */
    String open(String stored);
}
