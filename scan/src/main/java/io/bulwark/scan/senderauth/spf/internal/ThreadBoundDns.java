package io.bulwark.scan.senderauth.spf.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;

/**
 * The DNS service a long-lived jSPF evaluator is wired with: it answers through the evaluation
 * that runs on the calling thread ({@link #with}).
 *
 * <p>Why it exists: building a jSPF evaluator is expensive (its parser compiles the SPF grammar
 * into regular expressions, its term factory reads a properties file, its macro expander compiles
 * more patterns): built per evaluation it was the largest single CPU cost of a message in the
 * mail-path profile (issue 19). jSPF wires the DNS service into every part once, so the parts can
 * only be shared if the service they hold finds the evaluation's own {@link JspfDnsService}
 * (the message's DNS view, budget and limits). jSPF's synchronous executor runs a whole
 * evaluation, includes and redirects too, on the thread that called it, so a per-thread slot is
 * exact. A lookup with no evaluation bound is a bug and fails loudly.
 */
public final class ThreadBoundDns implements DNSService {
    private final ThreadLocal<JspfDnsService> current = new ThreadLocal<>();
    /** Answers the questions that are not lookups (limits, local names) when no evaluation is bound. */
    private final JspfDnsService unbound;

    /** @param receiver this host's name, as {@link JspfDnsService} takes it */
    public ThreadBoundDns(String receiver) {
        this.unbound = new JspfDnsService(null, receiver);
    }

    /** Runs {@code evaluation} with {@code dns} answering this thread's lookups. */
    public <T> T with(JspfDnsService dns, Supplier<T> evaluation) {
        JspfDnsService previous = current.get();
        current.set(dns);
        try {
            return evaluation.get();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }

    private JspfDnsService bound() {
        JspfDnsService dns = current.get();
        if (dns == null) {
            throw new IllegalStateException("an SPF lookup outside an evaluation");
        }
        return dns;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        return bound().getRecords(request);
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        return bound().getRecordsAsync(request);
    }

    @Override
    public List<String> getLocalDomainNames() {
        JspfDnsService dns = current.get();
        return (dns == null ? unbound : dns).getLocalDomainNames();
    }

    @Override
    public void setTimeOut(int timeOut) {
        // the evaluation's own service ignores it too: timeouts are the resolver's
        JspfDnsService dns = current.get();
        if (dns != null) {
            dns.setTimeOut(timeOut);
        }
    }

    @Override
    public int getRecordLimit() {
        JspfDnsService dns = current.get();
        return (dns == null ? unbound : dns).getRecordLimit();
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        JspfDnsService dns = current.get();
        if (dns != null) {
            dns.setRecordLimit(recordLimit);
        }
    }
}
