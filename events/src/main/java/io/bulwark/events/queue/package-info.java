/**
 * Queue control: the contract between the administrators who act on the gateway's queues and the
 * gateway nodes that hold the messages (reference notes D.1, "Message queue").
 *
 * <p>Flow: the console or the API sends {@link RequestQueueActionCommand} or
 * {@link ChangeNodeTrafficCommand}; the admin backend validates it and records the request
 * ({@link QueueActionRequestedEvent}, {@link NodeTrafficChangeRequestedEvent}) with its actor. Every
 * gateway node follows those requests through the event stream, performs the part that concerns the
 * messages it holds, and records each result as an event of its own ({@link MessageHeldEvent},
 * {@link MessageReleasedEvent}, {@link QueuedMessageDeletedEvent}, {@link DeliveryForcedEvent},
 * {@link NodeTrafficChangedEvent}), with an identifier derived from the request, so a request seen
 * twice yields the same events. The queue view ({@link FindQueuedMessagesQuery}) is built from the
 * message lifecycle events and these results.
 *
 * <p>Records only; no secrets, no message bodies.
 */
package io.bulwark.events.queue;
