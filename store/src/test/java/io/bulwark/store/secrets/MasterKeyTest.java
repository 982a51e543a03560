package io.bulwark.store.secrets;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    @TempDir
    Path dir;

    @Test
    void isCreatedOwnerOnlyAndReadBackTheSame() throws Exception {
        Path file = dir.resolve("tls/master.key");
        MasterKey first = MasterKey.loadOrCreate(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        byte[] sealed = first.seal("k1", "secret".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(MasterKey.loadOrCreate(file).open("k1", sealed), StandardCharsets.UTF_8))
                .isEqualTo("secret");
    }

    @Test
    void theDirectoryItCreatesIsTheOwnersOnly() throws Exception {
        MasterKey.loadOrCreate(dir.resolve("keys/tls/master.key"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys"))).isEqualTo(
                PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys/tls"))).isEqualTo(
                PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void refusesAKeyFileThatGroupOrOthersCanRead() throws Exception {
        Path file = dir.resolve("master.key");
        MasterKey.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKey.loadOrCreate(file)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("accessible to group or others").hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        MasterKey.loadOrCreate(file);
    }

    @Test
    void sealingIsRandomisedAndBoundToTheKeyId() throws Exception {
        MasterKey key = MasterKey.loadOrCreate(dir.resolve("master.key"));
        byte[] a = key.seal("k1", new byte[] {1, 2, 3});
        assertThat(a).isNotEqualTo(key.seal("k1", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> key.open("k2", a)).isInstanceOf(GeneralSecurityException.class);
        a[a.length - 1] ^= 1;
        assertThatThrownBy(() -> key.open("k1", a)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void anotherNodesKeyCannotOpenIt() throws Exception {
        byte[] sealed = MasterKey.loadOrCreate(dir.resolve("a.key")).seal("k1", new byte[] {1});
        assertThatThrownBy(() -> MasterKey.loadOrCreate(dir.resolve("b.key")).open("k1", sealed))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void refusesAMalformedFile() throws Exception {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "c2hvcnQ=");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> MasterKey.loadOrCreate(file)).hasMessageContaining("32 bytes");
    }
}
