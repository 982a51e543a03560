package io.bulwark.gateway.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.Session;

/**
 * Our replacements for SubEthaSMTP's transaction commands, installed through its
 * {@link CommandHandler} (which keys commands by verb, so adding one replaces the built-in).
 *
 * <p>Why: SubEthaSMTP 7.2 advertises neither PIPELINING nor ENHANCEDSTATUSCODES, answers MAIL, RCPT
 * and RSET with a bare "250 Ok", advertises CHUNKING and SMTPUTF8 that our relay path does not
 * implement, and its DATA reader is not strict about the end-of-data sequence. Once
 * ENHANCEDSTATUSCODES is advertised, RFC 2034 requires an enhanced code on every reply after EHLO,
 * so every command that replies on its own is replaced here. The protocol state (helo, mail
 * transaction, recipient count) stays in SubEthaSMTP's {@link Session}.
 *
 * <p>Stateless and thread-safe. When TLS and authentication arrive, note that commands added here
 * are not wrapped by SubEthaSMTP's require-TLS/require-auth wrappers.
 */
final class BulwarkCommands {
    private BulwarkCommands() {
    }

    /** Replaces the built-in commands in {@code handler}. */
    static void install(CommandHandler handler, long maxMessageSize) {
        handler.addCommand(new Ehlo(maxMessageSize));
        handler.addCommand(new Mail(maxMessageSize));
        handler.addCommand(new Rcpt());
        handler.addCommand(new Data());
        handler.addCommand(new Fixed("RSET", "Resets the mail transaction.", "250 2.0.0 Ok", true, false));
        handler.addCommand(new Fixed("NOOP", "Does nothing.", "250 2.0.0 Ok", false, false));
        handler.addCommand(new Fixed("QUIT", "Ends the session.", "221 2.0.0 Bye", false, true));
        handler.addCommand(new Fixed("VRFY", "Disabled.", "502 5.5.1 VRFY command is disabled", false, false));
        handler.addCommand(new Fixed("EXPN", "Disabled.", "502 5.5.1 EXPN command is disabled", false, false));
        handler.addCommand(new Fixed("BDAT", "Not offered.", "502 5.5.1 Error: command not implemented", false,
                false));
    }

    /** EHLO (RFC 5321 4.1.1.1) with the extensions we implement. */
    static final class Ehlo extends BaseCommand {
        private final long maxMessageSize;

        Ehlo(long maxMessageSize) {
            super("EHLO", "Introduce yourself.", "<hostname>");
            this.maxMessageSize = maxMessageSize;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            String[] args = getArgs(commandString);
            if (args.length < 2) {
                session.sendResponse("501 5.5.4 Syntax: EHLO hostname");
                return;
            }
            session.resetMailTransaction();
            session.setHelo(args[1]);
            List<String> lines = new ArrayList<>();
            lines.add(session.getServer().getHostName());
            lines.add("PIPELINING");
            lines.add("SIZE " + maxMessageSize);
            if (session.getServer().getEnableTLS() && !session.getServer().getHideTLS() && !session.isTLSStarted()) {
                lines.add("STARTTLS");
            }
            lines.add("ENHANCEDSTATUSCODES");
            lines.add("8BITMIME");
            StringBuilder reply = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    reply.append("\r\n");
                }
                reply.append(i == lines.size() - 1 ? "250 " : "250-").append(lines.get(i));
            }
            session.sendResponse(reply.toString());
        }
    }

    /** MAIL FROM (RFC 5321 4.1.1.2) with SIZE (RFC 1870) and BODY (RFC 6152). */
    static final class Mail extends BaseCommand {
        private final long maxMessageSize;

        Mail(long maxMessageSize) {
            super("MAIL", "Specifies the sender.", "FROM:<sender> [SIZE=n] [BODY=7BIT|8BITMIME]");
            this.maxMessageSize = maxMessageSize;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            if (session.isMailTransactionInProgress()) {
                session.sendResponse("503 5.5.1 Error: nested MAIL command");
                return;
            }
            SmtpPath path = SmtpPath.parse(commandString, "MAIL FROM:");
            if (path == null) {
                session.sendResponse("501 5.5.4 Syntax: MAIL FROM:<address>");
                return;
            }
            if (!path.address().isEmpty() && !isMailbox(path.address())) {
                session.sendResponse("501 5.1.7 Bad sender address syntax");
                return;
            }
            long declaredSize = 0;
            for (String parameter : path.parameters()) {
                String upper = parameter.toUpperCase(Locale.ROOT);
                if (upper.startsWith("SIZE=")) {
                    try {
                        declaredSize = Long.parseLong(parameter.substring(5));
                    } catch (NumberFormatException e) {
                        session.sendResponse("501 5.5.4 Bad SIZE parameter");
                        return;
                    }
                    if (declaredSize > maxMessageSize) {
                        session.sendResponse("552 5.3.4 Message size exceeds fixed limit");
                        return;
                    }
                } else if (!upper.equals("BODY=7BIT") && !upper.equals("BODY=8BITMIME")) {
                    session.sendResponse("555 5.5.4 Unsupported option: " + parameter);
                    return;
                }
            }
            session.setDeclaredMessageSize((int) Math.min(Integer.MAX_VALUE, declaredSize));
            session.startMailTransaction();
            try {
                session.getMessageHandler().from(path.address());
            } catch (RejectException e) {
                session.resetMailTransaction();
                session.sendResponse(e.getErrorResponse());
                return;
            }
            session.sendResponse("250 2.1.0 Ok");
        }
    }

    /** RCPT TO (RFC 5321 4.1.1.3); the relay decision is the message handler's. */
    static final class Rcpt extends BaseCommand {
        Rcpt() {
            super("RCPT", "Specifies a recipient.", "TO:<recipient>");
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            if (!session.isMailTransactionInProgress()) {
                session.sendResponse("503 5.5.1 Error: need MAIL command");
                return;
            }
            int max = session.getServer().getMaxRecipients();
            if (max >= 0 && session.getRecipientCount() >= max) {
                session.sendResponse("452 4.5.3 Error: too many recipients");
                return;
            }
            SmtpPath path = SmtpPath.parse(commandString, "RCPT TO:");
            if (path == null) {
                session.sendResponse("501 5.5.4 Syntax: RCPT TO:<address>");
                return;
            }
            if (!isMailbox(path.address())) {
                session.sendResponse("501 5.1.3 Bad recipient address syntax");
                return;
            }
            if (!path.parameters().isEmpty()) {
                session.sendResponse("555 5.5.4 Unsupported option: " + path.parameters().getFirst());
                return;
            }
            try {
                session.getMessageHandler().recipient(path.address());
            } catch (RejectException e) {
                session.sendResponse(e.getErrorResponse());
                return;
            }
            session.addRecipient(path.address());
            session.sendResponse("250 2.1.5 Ok");
        }
    }

    /** DATA (RFC 5321 4.1.1.4), read strictly by {@link StrictDataInputStream}. */
    static final class Data extends BaseCommand {
        Data() {
            super("DATA", "Following text is the message, ended by <CR><LF>.<CR><LF>");
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            if (!session.isMailTransactionInProgress()) {
                session.sendResponse("503 5.5.1 Error: need MAIL command");
                return;
            }
            if (session.getRecipientCount() == 0) {
                session.sendResponse("554 5.5.1 Error: no valid recipients");
                return;
            }
            session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
            InputStream data = new StrictDataInputStream(session.getRawInput());
            try {
                String accepted = session.getMessageHandler().data(data);
                drain(data);
                session.sendResponse("250 " + accepted);
            } catch (RejectException e) {
                drain(data);
                session.sendResponse(e.getErrorResponse());
            } finally {
                session.resetMailTransaction();
            }
        }

        /** Consumes what the handler left, so the next command is read from the right place. */
        private static void drain(InputStream data) throws IOException {
            byte[] buffer = new byte[8192];
            while (data.read(buffer) >= 0) {
                // discard
            }
        }
    }

    /** A command that only answers (and optionally resets the transaction or ends the session). */
    static final class Fixed extends BaseCommand {
        private final String reply;
        private final boolean reset;
        private final boolean quit;

        Fixed(String verb, String help, String reply, boolean reset, boolean quit) {
            super(verb, help);
            this.reply = reply;
            this.reset = reset;
            this.quit = quit;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            if (reset) {
                session.resetMailTransaction();
            }
            session.sendResponse(reply);
            if (quit) {
                session.quit();
            }
        }
    }

    /** A reverse- or forward-path with its ESMTP parameters. */
    record SmtpPath(String address, List<String> parameters) {
        /** Parses {@code MAIL FROM:<a> p1 p2} (case-insensitive verb, optional space after the colon). */
        static SmtpPath parse(String commandString, String prefix) {
            String line = commandString.trim();
            if (line.length() < prefix.length() || !line.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return null;
            }
            String rest = line.substring(prefix.length()).trim();
            String address;
            String tail;
            if (rest.startsWith("<")) {
                int close = rest.indexOf('>');
                if (close < 0) {
                    return null;
                }
                address = rest.substring(1, close);
                tail = rest.substring(close + 1).trim();
            } else {
                // Lenient like Postfix: some old clients omit the brackets.
                int space = rest.indexOf(' ');
                address = space < 0 ? rest : rest.substring(0, space);
                tail = space < 0 ? "" : rest.substring(space + 1).trim();
                if (address.isEmpty()) {
                    return null;
                }
            }
            // Source routes (@a,@b:user@c) are obsolete; RFC 5321 says use the mailbox only.
            int colon = address.indexOf(':');
            if (address.startsWith("@") && colon > 0) {
                address = address.substring(colon + 1);
            }
            List<String> parameters = tail.isEmpty() ? List.of() : List.of(tail.split("\\s+"));
            return new SmtpPath(address, parameters);
        }
    }

    /** local@domain, no whitespace or angle brackets, domain not empty. */
    static boolean isMailbox(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        for (char c : address.toCharArray()) {
            if (c <= ' ' || c == '<' || c == '>' || c == 127) {
                return false;
            }
        }
        return true;
    }
}
