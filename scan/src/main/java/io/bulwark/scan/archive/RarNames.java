package io.bulwark.scan.archive;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the file names of a RAR archive from its block headers, without unpacking anything: RAR's
 * decompressor has no open-source-licensed Java implementation we may ship (unrar's licence
 * forbids re-creating the compression algorithm; junrar inherits it), but the headers are a
 * documented, uncompressed structure (RAR 4.x "technote"; RAR 5.0 "RAR 5.0 archive format"), and
 * names are what content filtering needs. The content stays "not scanned: format (RAR)".
 *
 * <p>Stops quietly, keeping the names found so far, at anything it does not follow: encrypted
 * headers (the names are encrypted too), multi-volume continuations, damaged blocks, more than
 * {@code maxNames} names. Reads the stream forward only; skipping file data reads through it, so
 * the caller's counters see every byte. Not thread-safe; one use.
 */
final class RarNames {
    private static final int MAX_HEADER = 64 * 1024;

    private RarNames() {
    }

    /**
     * The names in a RAR archive.
     *
     * @param in       positioned at the RAR signature
     * @param maxNames at most this many names are returned
     */
    static List<String> list(InputStream in, int maxNames) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] marker = new byte[7];
        data.readFully(marker);
        List<String> names = new ArrayList<>();
        try {
            if (marker[6] == 0) {
                rar4(data, names, maxNames);
            } else if (marker[6] == 1 && data.readUnsignedByte() == 0) {
                rar5(data, names, maxNames);
            }
        } catch (EOFException | IllegalStateException e) {
            // damaged or truncated: the names found so far stand
        }
        return names;
    }

    private static void rar4(DataInputStream in, List<String> names, int maxNames) throws IOException {
        while (names.size() < maxNames) {
            in.skipNBytes(2); // header CRC
            int type = in.readUnsignedByte();
            int flags = le16(in);
            int size = le16(in);
            if (size < 7) {
                throw new IllegalStateException("bad RAR header size");
            }
            byte[] rest = in.readNBytes(size - 7);
            if (rest.length < size - 7) {
                throw new EOFException();
            }
            long addSize = (flags & 0x8000) != 0 && rest.length >= 4 ? u32(rest, 0) : 0;
            switch (type) {
                case 0x73 -> {
                    if ((flags & 0x0080) != 0) {
                        return; // encrypted headers: names are encrypted too
                    }
                }
                case 0x74 -> {
                    if (rest.length < 25) {
                        throw new IllegalStateException("short RAR file header");
                    }
                    int nameSize = le16(rest, 19);
                    int nameAt = 25 + ((flags & 0x0100) != 0 ? 8 : 0);
                    long packed = u32(rest, 0) + ((flags & 0x0100) != 0 ? u32(rest, 25) << 32 : 0);
                    if (nameAt + nameSize > rest.length) {
                        throw new IllegalStateException("RAR name outside its header");
                    }
                    boolean directory = (flags & 0x00E0) == 0x00E0;
                    if (!directory) {
                        names.add(rar4Name(rest, nameAt, nameSize, (flags & 0x0200) != 0));
                    }
                    in.skipNBytes(packed);
                    continue;
                }
                case 0x7B -> {
                    return;
                }
                default -> {
                }
            }
            in.skipNBytes(addSize);
        }
    }

    /** The name: with the Unicode flag, the part before the NUL is the plain name (RAR 4 technote). */
    private static String rar4Name(byte[] b, int at, int size, boolean unicode) {
        int end = at + size;
        if (unicode) {
            for (int i = at; i < end; i++) {
                if (b[i] == 0) {
                    end = i;
                    break;
                }
            }
        }
        String utf8 = new String(b, at, end - at, StandardCharsets.UTF_8);
        return utf8.indexOf('\uFFFD') >= 0 ? new String(b, at, end - at, StandardCharsets.ISO_8859_1) : utf8;
    }

    private static void rar5(DataInputStream in, List<String> names, int maxNames) throws IOException {
        while (names.size() < maxNames) {
            in.skipNBytes(4); // header CRC32
            long headerSize = vint(in);
            if (headerSize < 1 || headerSize > MAX_HEADER) {
                throw new IllegalStateException("bad RAR5 header size");
            }
            byte[] h = in.readNBytes((int) headerSize);
            if (h.length < headerSize) {
                throw new EOFException();
            }
            int[] at = {0};
            long type = vint(h, at);
            long flags = vint(h, at);
            if ((flags & 1) != 0) {
                vint(h, at); // extra area size
            }
            long dataSize = (flags & 2) != 0 ? vint(h, at) : 0;
            if (type == 4 || type == 5) {
                return; // archive encryption header (names encrypted) or end of archive
            }
            if (type == 2) {
                long fileFlags = vint(h, at);
                vint(h, at); // unpacked size
                vint(h, at); // attributes
                at[0] += ((fileFlags & 2) != 0 ? 4 : 0) + ((fileFlags & 4) != 0 ? 4 : 0);
                vint(h, at); // compression information
                vint(h, at); // host OS
                int nameLength = (int) vint(h, at);
                if (at[0] + nameLength > h.length || nameLength < 0) {
                    throw new IllegalStateException("RAR5 name outside its header");
                }
                if ((fileFlags & 1) == 0) {
                    names.add(new String(h, at[0], nameLength, StandardCharsets.UTF_8));
                }
            }
            in.skipNBytes(dataSize);
        }
    }

    private static long vint(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("RAR5 number too long");
    }

    private static long vint(byte[] h, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (at[0] >= h.length) {
                throw new IllegalStateException("RAR5 header ends inside a number");
            }
            int b = h[at[0]++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("RAR5 number too long");
    }

    private static int le16(DataInputStream in) throws IOException {
        int a = in.readUnsignedByte();
        return a | in.readUnsignedByte() << 8;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }
}
