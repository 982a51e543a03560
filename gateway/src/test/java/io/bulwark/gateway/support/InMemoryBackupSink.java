package io.bulwark.gateway.support;

import io.bulwark.gateway.backup.BackupSink;
import java.util.ArrayList;
import java.util.List;

/** A {@link BackupSink} that keeps copies in memory, for gateway tests without a store. */
public final class InMemoryBackupSink implements BackupSink {
    private final List<Copy> copies = new ArrayList<>();

    @Override
    public synchronized void store(Copy copy) {
        if (copies.stream().noneMatch(c -> c.backupId().equals(copy.backupId()))) {
            copies.add(copy);
        }
    }

    public synchronized List<Copy> copies() {
        return List.copyOf(copies);
    }
}
