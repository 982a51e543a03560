package io.bulwark.scan.senderauth.spf.internal;

import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import io.bulwark.scan.dns.MxHost;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;

/**
 * jSPF's DNS interface answered by our {@link DnsLookup}, so SPF evaluation uses the node's
 * resolvers, cache and timeouts and draws on the message's query budget.
 *
 * <p>Mapping (jSPF's own dnsjava service is the reference): answers are lists of strings; "no
 * such name" and "no data" are {@code null}, which jSPF treats as an empty answer and counts as a
 * void lookup; a temporary failure is a {@link TimeoutException}, which jSPF turns into
 * temperror (RFC 7208 5). The budget running out also throws, so evaluation stops at once, and is
 * remembered ({@link #budgetExhausted()}): the caller reports permerror, as RFC 7208 4.6.4 does
 * for too many lookups. Type SPF (99) is never asked (RFC 7208 3.1 removed it): it answers
 * "no data".
 *
 * <p>Lifecycle: one per evaluation. The asynchronous variant completes before it returns (our
 * lookups block; the check runs on a virtual thread), so jSPF's asynchronous executor runs the
 * whole evaluation in the caller's thread. Not shared between threads.
 */
public final class JspfDnsService implements DNSService {
    /** RFC 7208 4.6.4: at most 10 MX or PTR names are looked at. */
    private static final int RECORD_LIMIT = 10;

    private final DnsLookup dns;
    private final String receiver;
    /** RFC 7208 4.6.4: more than two void lookups is a permerror. */
    private static final int VOID_LOOKUP_LIMIT = 2;

    private volatile boolean budgetExhausted;
    private volatile String limitExceeded;
    private int voidLookups;
    private volatile String addressTimeout;

    /**
     * @param dns      the message's DNS view
     * @param receiver the name of this host, for the {@code %{r}} macro (RFC 7208 7.3)
     */
    public JspfDnsService(DnsLookup dns, String receiver) {
        this.dns = dns;
        this.receiver = receiver;
    }

    /**
     * Forgets the limits counted so far, before a second evaluation of the same message (the HELO
     * identity after MAIL FROM): each check_host() has its own limits (RFC 7208 4.6.4). The
     * message's DNS budget is not reset, it is the message's.
     */
    public void reset() {
        limitExceeded = null;
        voidLookups = 0;
        addressTimeout = null;
    }

    /** Whether a question was refused because the message's DNS query budget was spent. */
    public boolean budgetExhausted() {
        return budgetExhausted;
    }

    /**
     * Which RFC 7208 4.6.4 limit jSPF 1.0.4 does not enforce itself was exceeded (more than 10 MX
     * names, more than two void lookups), or null. Evaluation is stopped like a timeout; the
     * caller reports permerror.
     */
    public String limitExceeded() {
        return limitExceeded;
    }

    /**
     * The reason of the first temporary failure of an A, AAAA or MX question, or null. jSPF 1.0.4
     * lets such a failure in {@code exists} fall through to the next term (so {@code -all} gives
     * fail), where RFC 7208 5 ends with temperror; the check uses this to correct a fail.
     */
    public String addressTimeout() {
        return addressTimeout;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        String name = request.getHostname();
        DnsResult<String> result = switch (request.getRecordType()) {
            case DNSRequest.A -> addresses(dns.a(name));
            case DNSRequest.AAAA -> addresses(dns.aaaa(name));
            case DNSRequest.MX -> mxHosts(dns.mx(name));
            case DNSRequest.TXT -> dns.txt(name);
            case DNSRequest.PTR -> {
                Optional<InetAddress> address = ReverseName.address(name);
                yield address.isPresent() ? dns.ptr(address.get()) : new DnsResult.NoSuchDomain<>();
            }
            default -> new DnsResult.NoRecords<>();
        };
        if (request.getRecordType() == DNSRequest.MX && result.values().size() > RECORD_LIMIT) {
            limitExceeded = "more than " + RECORD_LIMIT + " MX records for " + name;
            throw new TimeoutException(limitExceeded);
        }
        // void terms are counted on address and MX questions: a missing TXT record is already
        // none or permerror by itself, and a missing exp= text only drops the explanation
        int type = request.getRecordType();
        boolean addressOrMx = type == DNSRequest.A || type == DNSRequest.AAAA || type == DNSRequest.MX;
        if (result.isAbsent() && addressOrMx && ++voidLookups > VOID_LOOKUP_LIMIT) {
            limitExceeded = "more than " + VOID_LOOKUP_LIMIT + " void DNS lookups (last: " + name + ")";
            throw new TimeoutException(limitExceeded);
        }
        return switch (result) {
            // jSPF removes entries from the lists it gets (MX and PTR limits): a mutable copy
            case DnsResult.Records<String> r -> new ArrayList<>(r.values());
            case DnsResult.NoRecords<String> n -> null;
            case DnsResult.NoSuchDomain<String> n -> null;
            case DnsResult.TemporaryFailure<String> t -> {
                if (addressTimeout == null && addressOrMx) {
                    addressTimeout = name + ": " + t.reason();
                }
                throw new TimeoutException(t.reason());
            }
            case DnsResult.BudgetExhausted<String> b -> {
                budgetExhausted = true;
                throw new TimeoutException("DNS query budget of " + b.budget() + " queries spent");
            }
        };
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<String> getLocalDomainNames() {
        return List.of(receiver);
    }

    @Override
    public void setTimeOut(int timeOut) {
        // the node's DnsLookup has its own timeout (bulwark.dns.timeout)
    }

    @Override
    public int getRecordLimit() {
        return RECORD_LIMIT;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        // fixed by RFC 7208 4.6.4
    }

    private static DnsResult<String> addresses(DnsResult<InetAddress> result) {
        return map(result, InetAddress::getHostAddress);
    }

    private static DnsResult<String> mxHosts(DnsResult<MxHost> result) {
        return map(result, MxHost::host);
    }

    private static <T> DnsResult<String> map(DnsResult<T> result, java.util.function.Function<T, String> f) {
        return switch (result) {
            case DnsResult.Records<T> r -> new DnsResult.Records<>(r.values().stream().map(f).toList());
            case DnsResult.NoRecords<T> n -> new DnsResult.NoRecords<>();
            case DnsResult.NoSuchDomain<T> n -> new DnsResult.NoSuchDomain<>();
            case DnsResult.TemporaryFailure<T> t -> new DnsResult.TemporaryFailure<>(t.reason());
            case DnsResult.BudgetExhausted<T> b -> new DnsResult.BudgetExhausted<>(b.budget());
        };
    }
}
