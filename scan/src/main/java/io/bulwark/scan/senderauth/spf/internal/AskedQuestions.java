package io.bulwark.scan.senderauth.spf.internal;

import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import io.bulwark.scan.dns.MxHost;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The DNS questions one SPF evaluation asked, in order, with their answers: a view over the
 * message's DNS that writes them down ({@link #recording}), and a replay of them on another view of
 * the same message ({@link #replay}).
 *
 * <p>Why: the check's prefetch evaluates SPF while the content still arrives, and the run used to
 * evaluate it again on the remembered answers, only to get the same verdict (issue 19: SPF twice
 * per message). jSPF's verdict is a function of the inputs and the answers; the run's budgeted view
 * spends one unit per question, remembered or not. Replaying the questions on the run's view
 * spends exactly what a second evaluation would, and when every answer is the one recorded, the
 * second evaluation would have followed the same path to the same verdict. Thread-safe to record
 * from one evaluation at a time; read after it ended.
 */
public final class AskedQuestions {
    private record Asked(char kind, Object name, DnsResult<?> answer) {
    }

    private final List<Asked> asked = new ArrayList<>();

    /** A view over {@code dns} that records every question and answer here. */
    public DnsLookup recording(DnsLookup dns) {
        return new DnsLookup() {
            @Override
            public DnsResult<String> txt(String name) {
                return note('T', name, dns.txt(name));
            }

            @Override
            public DnsResult<InetAddress> a(String name) {
                return note('A', name, dns.a(name));
            }

            @Override
            public DnsResult<InetAddress> aaaa(String name) {
                return note('Q', name, dns.aaaa(name));
            }

            @Override
            public DnsResult<MxHost> mx(String name) {
                return note('M', name, dns.mx(name));
            }

            @Override
            public DnsResult<String> ptr(InetAddress address) {
                return note('P', address, dns.ptr(address));
            }

            @Override
            public DnsLookup withBudget(int maxQueries) {
                return recording(dns.withBudget(maxQueries));
            }

            @Override
            public DnsLookup unbudgeted() {
                return recording(dns.unbudgeted());
            }
        };
    }

    private synchronized <T> DnsResult<T> note(char kind, Object name, DnsResult<T> answer) {
        asked.add(new Asked(kind, name, answer));
        return answer;
    }

    /**
     * Asks the recorded questions again, in order, on {@code dns}; true when every answer equals
     * the recorded one. Stops at the first that differs (an abandoned first asker's question asked
     * anew, the budget spent).
     */
    public synchronized boolean replay(DnsLookup dns) {
        for (Asked q : asked) {
            DnsResult<?> again = switch (q.kind()) {
                case 'T' -> dns.txt((String) q.name());
                case 'A' -> dns.a((String) q.name());
                case 'Q' -> dns.aaaa((String) q.name());
                case 'M' -> dns.mx((String) q.name());
                default -> dns.ptr((InetAddress) q.name());
            };
            if (!Objects.equals(again, q.answer())) {
                return false;
            }
        }
        return true;
    }

    /** Questions recorded. */
    public synchronized int size() {
        return asked.size();
    }
}
