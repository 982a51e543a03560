package io.bulwark.events.rule;

/** The two global lists, checked before any rule. */
public enum GlobalListKind {
    /** Senders whose mail skips anti-spam (and only anti-spam: malware is still looked for). */
    ALLOW,
    /** Senders whose mail is rejected or deleted without scanning. */
    DENY
}
