package io.bulwark.store.internal;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) in front of the embedded server's command handler, for the
 * loopback TCP port of {@code io.bulwark.store.server.StoreServer}: until a connection has proved
 * the password, it may only say hello and run the SASL conversation; every other command is refused
 * with MongoDB's {@code Unauthorized} (code 13). The MongoDB driver's own SCRAM client talks to it
 * ({@code mongodb://user:password@127.0.0.1:port/?authMechanism=SCRAM-SHA-256}), so a node uses the
 * same connection string form as against a real replica set.
 *
 * <p>Written here because mongo-java-server has no authentication and no SCRAM server library is
 * available to the build; it is the server half of the standard, about a page of code, checked by
 * the driver itself in {@code StoreServerTest}. One instance per connection (it holds that
 * connection's conversation); the {@link Credential} is shared.
 *
 * <p>Also notes whether the command it passed on writes, so the server can commit before the reply
 * leaves ({@link #takeWrite()}): a node treats an acknowledged write as durable, as with
 * {@code w: majority, j: true} on a replica set.
 */
public final class ScramGuard extends ChannelInboundHandlerAdapter {
    private static final Set<String> BEFORE_AUTH = Set.of("hello", "ismaster", "saslstart", "saslcontinue", "ping",
            "buildinfo", "endsessions");
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "create", "drop", "dropindexes", "dropdatabase", "renamecollection");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger IDS = new AtomicInteger();

    /** What the server keeps of the password (never the password itself). */
    public record Credential(String user, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        /** Derives the keys once (PBKDF2 with 15,000 iterations, as mongod's default for SHA-256). */
        public static Credential of(String user, char[] password) {
            byte[] salt = new byte[28];
            RANDOM.nextBytes(salt);
            int iterations = 15_000;
            try {
                byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
                byte[] clientKey = hmac(salted, "Client Key");
                return new Credential(user, salt, iterations, MessageDigest.getInstance("SHA-256").digest(clientKey),
                        hmac(salted, "Server Key"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
            }
        }
    }

    private final Credential credential;
    private boolean authenticated;
    private boolean write;
    /** The conversation in progress: client-first-bare, server-first, combined nonce; or null. */
    private String[] conversation;
    private boolean awaitingEmptyFinal;
    private int conversationId;

    public ScramGuard(Credential credential) {
        this.credential = credential;
    }

    /** Whether the last command passed on was a write; resets the flag. */
    public boolean takeWrite() {
        boolean was = write;
        write = false;
        return was;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MongoMessage message) {
            String command = message.getDocument().keySet().stream().findFirst().orElse("").toLowerCase(java.util.Locale.ROOT);
            if (command.equals("saslstart") || command.equals("saslcontinue")) {
                reply(ctx, message, sasl(command, message.getDocument()));
                return;
            }
            if (!authenticated && !BEFORE_AUTH.contains(command)) {
                reply(ctx, message, error(13, "Unauthorized", "command " + command + " requires authentication"));
                return;
            }
            write = WRITES.contains(command);
            ctx.fireChannelRead(msg);
        } else if (msg instanceof MongoQuery query) {
            // legacy OP_QUERY: only the driver's first hello comes this way
            String command = query.getQuery().keySet().stream().findFirst().orElse("").toLowerCase(java.util.Locale.ROOT);
            if (!authenticated && !BEFORE_AUTH.contains(command)) {
                ctx.close();
                return;
            }
            ctx.fireChannelRead(msg);
        } else if (msg instanceof ClientRequest && !authenticated) {
            ctx.close();
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private Document sasl(String command, Document request) {
        try {
            if (command.equals("saslstart")) {
                conversation = null;
                awaitingEmptyFinal = false;
                if (!"SCRAM-SHA-256".equals(request.get("mechanism"))) {
                    return error(334, "MechanismUnavailable", "only SCRAM-SHA-256 is offered");
                }
                return start(payload(request));
            }
            if (awaitingEmptyFinal) {
                awaitingEmptyFinal = false;
                return new Document("conversationId", conversationId).append("done", true)
                        .append("payload", new BinData(new byte[0])).append("ok", 1.0);
            }
            if (conversation == null) {
                return error(17, "ProtocolError", "no SASL conversation in progress");
            }
            return finish(payload(request));
        } catch (RuntimeException | GeneralSecurityException e) {
            conversation = null;
            return error(18, "AuthenticationFailed", "Authentication failed.");
        }
    }

    private Document start(String clientFirst) {
        // gs2 header without channel binding: "n,," then "n=user,r=nonce"
        if (!clientFirst.startsWith("n,,")) {
            throw new IllegalArgumentException("unsupported gs2 header");
        }
        String bare = clientFirst.substring(3);
        Map<String, String> fields = fields(bare);
        if (!credential.user().equals(unescape(fields.get("n"))) || fields.get("r") == null) {
            throw new IllegalArgumentException("unknown user");
        }
        byte[] serverNonce = new byte[24];
        RANDOM.nextBytes(serverNonce);
        String nonce = fields.get("r") + Base64.getEncoder().encodeToString(serverNonce);
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt())
                + ",i=" + credential.iterations();
        conversation = new String[] {bare, serverFirst, nonce};
        conversationId = IDS.incrementAndGet();
        return new Document("conversationId", conversationId).append("done", false)
                .append("payload", new BinData(serverFirst.getBytes(StandardCharsets.UTF_8))).append("ok", 1.0);
    }

    private Document finish(String clientFinal) throws GeneralSecurityException {
        int proofAt = clientFinal.lastIndexOf(",p=");
        String withoutProof = clientFinal.substring(0, proofAt);
        Map<String, String> fields = fields(withoutProof);
        if (!conversation[2].equals(fields.get("r")) || !"biws".equals(fields.get("c"))) {
            throw new GeneralSecurityException("nonce or channel binding mismatch");
        }
        byte[] proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        String authMessage = conversation[0] + "," + conversation[1] + "," + withoutProof;
        byte[] clientSignature = hmac(credential.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new GeneralSecurityException("proof length");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(clientKey), credential.storedKey())) {
            throw new GeneralSecurityException("wrong password");
        }
        authenticated = true;
        conversation = null;
        // done at once, with the server's signature for the client to check (mongod does the same
        // when the driver asks to skip the empty exchange; a driver that sends it anyway is answered)
        awaitingEmptyFinal = true;
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(hmac(credential.serverKey(), authMessage));
        return new Document("conversationId", conversationId).append("done", true)
                .append("payload", new BinData(serverFinal.getBytes(StandardCharsets.UTF_8))).append("ok", 1.0);
    }

    private static String payload(Document request) {
        Object payload = request.get("payload");
        byte[] bytes = payload instanceof BinData b ? b.getData()
                : payload instanceof byte[] raw ? raw
                : String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                fields.putIfAbsent(part.substring(0, 1), part.substring(2));
            }
        }
        return fields;
    }

    private static String unescape(String name) {
        return name == null ? null : name.replace("=2C", ",").replace("=3D", "=");
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Document error(int code, String codeName, String message) {
        return new Document("ok", 0.0).append("errmsg", message).append("code", code).append("codeName", codeName);
    }

    private static void reply(ChannelHandlerContext ctx, MongoMessage request, Document body) {
        ctx.channel().writeAndFlush(new MongoMessage(ctx.channel(),
                new MessageHeader(IDS.incrementAndGet(), request.getHeader().getRequestID()), body));
    }
}
