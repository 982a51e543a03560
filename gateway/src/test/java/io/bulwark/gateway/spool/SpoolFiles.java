package io.bulwark.gateway.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a spool directory holds for messages, for tests: every file but the spares
 * ({@link SpareFiles}), which must be empty, since a spare is a finished message's file.
 */
public final class SpoolFiles {
    private SpoolFiles() {
    }

    /** The files of a spool directory other than spares; fails if a spare still has bytes. */
    public static List<Path> of(Path spoolDirectory) throws IOException {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.filter(file -> !isEmptySpare(file)).toList();
        }
    }

    private static boolean isEmptySpare(Path file) {
        if (!SpareFiles.isSpare(file.getFileName().toString())) {
            return false;
        }
        try {
            if (Files.size(file) != 0) {
                throw new AssertionError("spare file " + file + " still holds " + Files.size(file) + " bytes");
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // taken for a message meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}
