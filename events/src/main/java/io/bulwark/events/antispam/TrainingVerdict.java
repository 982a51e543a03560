package io.bulwark.events.antispam;

/** What a trainer said a message is. */
public enum TrainingVerdict {
    SPAM,
    HAM
}
