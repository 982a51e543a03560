package io.bulwark.scan.contentfilter;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.Leaf;
import io.bulwark.scan.archive.LeafVisitor;
import io.bulwark.scan.archive.WalkReport;
import io.bulwark.scan.filetype.FileType;
import io.bulwark.scan.message.MessagePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Content filtering's check (reference notes A.5): takes stock of the message's size and of every
 * attachment, archive and archive entry, with its name and real type (the archive walker's
 * Tika-based detection), and hands the {@link ContentInventory} on as its result's detail. It
 * reports no symbols and decides nothing: banned names, banned types, the size limit and how deep
 * to look into archives are rule options, applied by {@link ContentFilterJudge} for each recipient
 * group's rule.
 *
 * <p>Defends against attachments that hide their type (a renamed executable is an executable)
 * or hide in archives (names and types are listed at any depth the walker reaches; the rule picks
 * the depth that counts). Encrypted entries are listed by name with an unknown type, and so are
 * the entries of RAR archives (names from their headers; content not unpacked). Inline body
 * text is not an attachment and is not listed.
 *
 * <p>Fails like the walker: when a limit stopped the walk (a bomb, the entry limit), the result is
 * SKIPPED with the reasons and still carries the inventory, so a banned name found before the
 * limit still counts; otherwise CLEAN with the inventory. Stateless and thread-safe.
 */
public final class ContentFilterCheck implements Check {

    @Override
    public String name() {
        return "content-filter";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.CONTENT_FILTERING;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of();
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        Set<String> attachments = context.message().parts().stream()
                .filter(p -> p.attachment() || p.filename() != null).map(MessagePart::path)
                .collect(Collectors.toSet());
        List<ContentInventory.Item> items = new ArrayList<>();
        WalkReport walk = context.service(ArchiveWalker.class).walk(context.message(), new LeafVisitor() {
            @Override
            public boolean visit(Leaf leaf) {
                add(leaf);
                return true;
            }

            @Override
            public boolean container(Leaf container) {
                add(container);
                return true;
            }

            @Override
            public boolean listed(Leaf entry) {
                items.add(new ContentInventory.Item(entry.partPath(), entry.names(), entry.depth(), entry.type(),
                        entry.location(), true));
                return true;
            }

            private void add(Leaf leaf) {
                if (leaf.depth() > 0 || attachments.contains(leaf.partPath())) {
                    items.add(new ContentInventory.Item(leaf.partPath(), leaf.names(), leaf.depth(), leaf.type(),
                            leaf.location(), false));
                }
            }
        });
        List<String> notScanned = new ArrayList<>();
        for (WalkReport.Notice n : walk.notices()) {
            switch (n.kind()) {
                case ENCRYPTED -> items.add(new ContentInventory.Item(n.partPath(), n.names(), n.names().size() - 1,
                        FileType.UNKNOWN, n.location(), true));
                case LIMIT -> notScanned.add(n.reason());
                case UNSUPPORTED_FORMAT, CORRUPTED -> {
                    // the container itself was listed; what is inside cannot be
                }
            }
        }
        ContentInventory inventory = new ContentInventory(context.message().rawSize(), items);
        CheckResult result = notScanned.isEmpty() ? CheckResult.clean()
                : CheckResult.skipped(String.join("; ", notScanned));
        return result.withDetail(inventory);
    }
}
