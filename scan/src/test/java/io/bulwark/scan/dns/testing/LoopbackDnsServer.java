package io.bulwark.scan.dns.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A real, small authoritative DNS server on loopback, UDP and TCP on the same (ephemeral) port,
 * answering from a zone given in the test. Names can be told to misbehave: SERVFAIL, REFUSED,
 * never answer (a timeout), or answer UDP with the TC bit (so the client must retry over TCP).
 * Negative answers carry an SOA (RFC 2308), so clients can cache them. Every query is recorded.
 *
 * <p>Published in scan's test-jar for other modules' tests. Thread-safe; configure it before or
 * while clients ask. Close it to release the port.
 */
public final class LoopbackDnsServer implements AutoCloseable {
    /** What a misbehaving name does. */
    public enum Misbehaviour { SERVFAIL, REFUSED, TIMEOUT, TRUNCATE }

    /** One received query. */
    public record Query(String name, int type, boolean tcp) {
    }

    private static final Name ZONE_APEX = Name.root;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<Name, Misbehaviour> misbehaving = new ConcurrentHashMap<>();
    // appended on every query: a queue, not a copy-on-write list, for servers that live as long as a JVM
    private final java.util.Queue<Query> queries = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile long ttl = 60;
    private volatile long negativeTtl = 300;

    /** Starts the server on a free loopback port. */
    public LoopbackDnsServer() throws IOException {
        DatagramSocket u = null;
        ServerSocket t = null;
        // UDP and TCP must share one port; another process may hold the TCP side, so try again
        for (int attempt = 0; t == null; attempt++) {
            u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                t = new ServerSocket();
                t.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), u.getLocalPort()));
            } catch (BindException e) {
                t.close();
                t = null;
                u.close();
                if (attempt > 20) {
                    throw e;
                }
            }
        }
        udp = u;
        tcp = t;
        threads.add(Thread.ofVirtual().name("loopback-dns-udp").start(this::serveUdp));
        threads.add(Thread.ofVirtual().name("loopback-dns-tcp").start(this::serveTcp));
    }

    /** "127.0.0.1:port", the form {@code bulwark.dns.servers} and DnsSettings take. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** TTL of records added from now on (seconds; 0 = not cacheable). */
    public LoopbackDnsServer ttl(long seconds) {
        this.ttl = seconds;
        return this;
    }

    /** SOA minimum of negative answers from now on (seconds). */
    public LoopbackDnsServer negativeTtl(long seconds) {
        this.negativeTtl = seconds;
        return this;
    }

    public LoopbackDnsServer a(String host, String ip) {
        Name name = name(host);
        return add(new ARecord(name, DClass.IN, ttl, address(ip)));
    }

    public LoopbackDnsServer aaaa(String host, String ip) {
        Name name = name(host);
        return add(new AAAARecord(name, DClass.IN, ttl, address(ip)));
    }

    public LoopbackDnsServer mx(String domain, int preference, String host) {
        return add(new MXRecord(name(domain), DClass.IN, ttl, preference, name(host)));
    }

    /** One TXT record made of these character-strings (each at most 255 octets). */
    public LoopbackDnsServer txt(String domain, String... strings) {
        return add(new TXTRecord(name(domain), DClass.IN, ttl, Arrays.asList(strings)));
    }

    /** A PTR record for {@code ip} in in-addr.arpa / ip6.arpa. */
    public LoopbackDnsServer ptr(String ip, String host) {
        return add(new PTRRecord(ReverseMap.fromAddress(address(ip)), DClass.IN, ttl, name(host)));
    }

    public LoopbackDnsServer cname(String alias, String target) {
        return add(new CNAMERecord(name(alias), DClass.IN, ttl, name(target)));
    }

    /** An empty name that exists (so its questions answer NODATA, not NXDOMAIN). */
    public LoopbackDnsServer exists(String domain) {
        records.computeIfAbsent(name(domain), k -> new CopyOnWriteArrayList<>());
        return this;
    }

    public LoopbackDnsServer servfail(String domain) {
        return misbehave(domain, Misbehaviour.SERVFAIL);
    }

    public LoopbackDnsServer refused(String domain) {
        return misbehave(domain, Misbehaviour.REFUSED);
    }

    /** Questions about {@code domain} are received and counted but never answered. */
    public LoopbackDnsServer timeout(String domain) {
        return misbehave(domain, Misbehaviour.TIMEOUT);
    }

    /** UDP answers about {@code domain} are empty with the TC bit; TCP answers are complete. */
    public LoopbackDnsServer truncate(String domain) {
        return misbehave(domain, Misbehaviour.TRUNCATE);
    }

    public LoopbackDnsServer misbehave(String domain, Misbehaviour misbehaviour) {
        misbehaving.put(name(domain), misbehaviour);
        return this;
    }

    /** {@code domain} answers from the zone again. */
    public LoopbackDnsServer behave(String domain) {
        misbehaving.remove(name(domain));
        return this;
    }

    /** Answers are held back (queries still counted) until {@link #release()}. */
    public LoopbackDnsServer hold() {
        hold = new CountDownLatch(1);
        return this;
    }

    public LoopbackDnsServer release() {
        hold.countDown();
        return this;
    }

    /** Every query received, in order. */
    public List<Query> queries() {
        return List.copyOf(queries);
    }

    /** Queries received for {@code domain} (any case, trailing dot optional) and {@code type}. */
    public long queryCount(String domain, int type) {
        Name name = name(domain);
        return queries.stream().filter(q -> name(q.name()).equals(name) && q.type() == type).count();
    }

    public long queryCount() {
        return queries.size();
    }

    public long tcpQueryCount() {
        return queries.stream().filter(Query::tcp).count();
    }

    private LoopbackDnsServer add(Record record) {
        records.computeIfAbsent(record.getName(), k -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
                SocketAddress client = packet.getSocketAddress();
                // one thread per query, so a held or slow answer does not block the others
                spawn(() -> answerUdp(query, client));
            } catch (IOException e) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Runs {@code work} on its own virtual thread, tracked until it ends (close() waits for it). */
    private void spawn(Runnable work) {
        Thread thread = Thread.ofVirtual().unstarted(() -> {
            try {
                work.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
    }

    private void answerUdp(byte[] wire, SocketAddress client) {
        try {
            Message query = new Message(wire);
            Message response = respond(query, false);
            if (response == null) {
                return;
            }
            // classic 512-octet UDP limit: toWire truncates and sets TC on bigger answers
            byte[] answer = response.toWire(512);
            udp.send(new DatagramPacket(answer, answer.length, client));
        } catch (IOException | InterruptedException e) {
            // a broken query or a closed socket: no answer, as a real server would do
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                connections.add(socket);
                spawn(() -> serveConnection(socket));
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serveConnection(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                byte[] wire = in.readNBytes(length);
                Message response = respond(new Message(wire), true);
                if (response == null) {
                    continue;
                }
                byte[] answer = response.toWire();
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException e) {
            // client closed the connection
        } catch (IOException | InterruptedException e) {
            // closed by close() or the client
        } finally {
            connections.remove(socket);
        }
    }

    /** The response, or null for no answer at all. */
    private Message respond(Message query, boolean overTcp) throws InterruptedException {
        Record question = query.getQuestion();
        queries.add(new Query(question.getName().toString(true), question.getType(), overTcp));
        hold.await();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        Misbehaviour misbehaviour = misbehaving.get(name);
        if (misbehaviour != null) {
            switch (misbehaviour) {
                case TIMEOUT -> {
                    return null;
                }
                case SERVFAIL -> {
                    response.getHeader().setRcode(Rcode.SERVFAIL);
                    return response;
                }
                case REFUSED -> {
                    response.getHeader().setRcode(Rcode.REFUSED);
                    return response;
                }
                case TRUNCATE -> {
                    if (!overTcp) {
                        response.getHeader().setFlag(Flags.TC);
                        return response;
                    }
                }
            }
        }
        List<Record> answers = new ArrayList<>();
        Name current = name;
        for (int hops = 0; hops < 8; hops++) {
            List<Record> known = records.get(current);
            if (known == null) {
                break;
            }
            Name next = null;
            for (Record record : known) {
                if (record.getType() == question.getType() || question.getType() == Type.ANY) {
                    answers.add(record);
                } else if (record instanceof CNAMERecord cname) {
                    answers.add(record);
                    next = cname.getTarget();
                }
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        if (!records.containsKey(name)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa(), Section.AUTHORITY);
            return response;
        }
        answers.forEach(r -> response.addRecord(r, Section.ANSWER));
        if (answers.isEmpty()) {
            response.addRecord(soa(), Section.AUTHORITY);
        }
        return response;
    }

    private SOARecord soa() {
        return new SOARecord(ZONE_APEX, DClass.IN, negativeTtl, name("ns.test"), name("hostmaster.test"), 1, 3600,
                600, 86400, negativeTtl);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (IOException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        release();
        udp.close();
        tcp.close();
        for (Socket socket : connections) {
            socket.close();
        }
        for (Thread thread : threads) {
            thread.join(5000);
        }
    }
}
