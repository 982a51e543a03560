package io.bulwark.scan.contentfilter;

import io.bulwark.scan.filetype.FileCategory;
import io.bulwark.scan.filetype.FileType;
import java.util.List;

/**
 * What content filtering found in one message: its size and every attachment and archive entry
 * with its name and real type. The facts only; {@link ContentFilterJudge} applies a rule's options
 * to them, so the same inventory is judged under every recipient group's rule. Immutable.
 *
 * @param messageSize the message's size in bytes as received
 * @param items       attachments, containers and archive entries in walk order
 */
public record ContentInventory(long messageSize, List<Item> items) {

    public ContentInventory {
        items = List.copyOf(items);
    }

    /**
     * One attachment, container or entry.
     *
     * @param partPath the MIME part it belongs to (what "Delete attachment" removes)
     * @param names    the path below the part (see {@link io.bulwark.scan.archive.Leaf#names()})
     * @param depth    0 for the attachment itself, 1 for an entry of an attached archive, ...
     * @param type     its real type; {@link FileType#UNKNOWN} when it could not be read (an
     *                 encrypted entry, whose name is still known)
     * @param location "part 2 (a.zip!b.exe)", for reasons
     * @param encrypted whether it is known by name only (an encrypted entry, a RAR entry), so that
     *                  its type is not judged
     */
    public record Item(String partPath, List<String> names, int depth, FileType type, String location,
            boolean encrypted) {
        public Item {
            names = List.copyOf(names);
        }

        /** The innermost name, possibly empty. */
        public String name() {
            return names.isEmpty() ? "" : names.getLast();
        }

        /** The category of its real type. */
        public FileCategory category() {
            return type.category();
        }
    }
}
