package io.bulwark.gateway.antivirus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A mirror that is a directory (a share another machine fills, {@code file:/srv/clamav/}), in
 * ClamAV's layout. Thread-safe.
 */
public final class DirectoryDatabaseMirror implements DatabaseMirror {
    private final Path dir;

    public DirectoryDatabaseMirror(Path dir) {
        this.dir = dir;
    }

    @Override
    public String describe() {
        return dir.toUri().toString();
    }

    @Override
    public Optional<byte[]> header(String file) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            return Optional.of(in.readNBytes(512));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void download(String file, Path target, long maxBytes) throws IOException {
        Path source = dir.resolve(file);
        if (Files.size(source) > maxBytes) {
            throw new IOException(file + " is larger than " + maxBytes + " bytes");
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
