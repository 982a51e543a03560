package io.bulwark.scan.antivirus.exclusions;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.message.MessagePart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the message's attachments with their names, real types and sizes for the anti-virus
 * module ({@link AttachmentCatalog}, the result's detail), so that a rule's exclusions and maximum
 * object size can be applied to what the engines found ({@link AntivirusExclusions}). Reports no
 * symbols and decides nothing; reads at most the first 8 KiB of each attachment (the type
 * detector's look), never unpacks anything. Always CLEAN with the catalog.
 *
 * <p>Why a check of its own: checks run once per message, before it is known which recipient
 * group's rule applies, and the engines scan every object; the exclusions are rule options and are
 * applied afterwards, in the pure module judge, to this catalog. Stateless and thread-safe.
 */
public final class AttachmentCatalogCheck implements Check {

    @Override
    public String name() {
        return "av-attachments";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_VIRUS;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of();
    }

    @Override
    public CheckResult run(CheckContext context) throws IOException {
        List<AttachmentCatalog.Attachment> attachments = new ArrayList<>();
        for (MessagePart part : context.message().parts()) {
            if (!part.attachment() && part.filename() == null) {
                continue;
            }
            String name = part.filename() == null ? "" : part.filename();
            // the part's type, detected once per part (the archive walker and the inventory ask too):
            // the detector over the same first bytes and name, a blank name being no name
            attachments.add(new AttachmentCatalog.Attachment(part.path(), name, part.type(), part.size()));
        }
        return CheckResult.clean().withDetail(new AttachmentCatalog(attachments));
    }
}
