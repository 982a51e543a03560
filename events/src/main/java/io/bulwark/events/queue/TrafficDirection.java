package io.bulwark.events.queue;

/** The two switches of a gateway node (the commercial gateway's "Receiving messages" / "Sending messages"). */
public enum TrafficDirection {
    /** The SMTP listener: when stopped, new connections get {@code 421 4.3.2} and are closed. */
    RECEIVING,
    /** The delivery scheduler: when stopped, no delivery attempt starts; the queue keeps its messages. */
    SENDING
}
