package io.bulwark.admin.support;

/**
 * A projection that writes its documents once per processor batch ({@link BatchedDocuments}); its
 * processor must have {@link #documents()} as handler interceptor, which
 * {@link ProjectionProcessors#flushPerBatch} registers.
 */
public interface BatchedProjection {

    /** The projection's write-behind, also the interceptor that flushes it after each batch. */
    BatchedDocuments documents();
}
