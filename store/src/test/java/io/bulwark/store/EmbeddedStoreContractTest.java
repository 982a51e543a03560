package io.bulwark.store;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded server (H2 MVStore file). */
class EmbeddedStoreContractTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected StoreHarness openStore() {
        return StoreHarness.embedded(dir.resolve("store/bulwark.mv"), b -> b.gapHold(Duration.ZERO));
    }
}
