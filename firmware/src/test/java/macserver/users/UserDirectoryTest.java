package macserver.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final UserDirectory directory = new UserDirectory(t.model);
    private final CliSession admin = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);

    @Test
    void followsUsersGroupsAndTheMd5Switch() throws Exception {
        assertNull(directory.find("bob"));
        assertEquals("", admin.execute("/user group add name=ops policy=read,telnet,local"));
        assertEquals("", admin.execute("/user add name=bob group=ops password=pw"));
        UserDirectory.Entry bob = directory.find("bob");
        assertNotNull(bob);
        assertTrue(bob.credentials().matches("pw".toCharArray()));
        assertTrue(bob.mayUse("telnet"));
        assertNull(directory.openMd5(bob), "no MD5 secret unless allowed");

        assertEquals("", admin.execute("/user group set ops policy=read,local"));
        assertFalse(directory.find("bob").mayUse("telnet"), "a group change applies at once");
        assertEquals("", admin.execute("/user disable bob"));
        assertFalse(directory.find("bob").mayUse("local"));

        assertEquals("", admin.execute("/user set bob allow-md5-login=yes password=legacy"));
        assertArrayEquals("legacy".getBytes(StandardCharsets.UTF_8), directory.openMd5(directory.find("bob")),
                "the sealed MD5 secret opens with the device key");
        assertEquals("", admin.execute("/user remove bob"));
        assertNull(directory.find("bob"));
    }

    @Test
    void answersWhileAWriterHoldsTheModel() throws Exception {
        assertEquals("", admin.execute("/user add name=carol group=full password=pw"));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Own threads: the common pool may have a single worker on a 2-core machine.
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                t.model.write(new Origin("test", null), tx -> {
                    inside.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        try {
            // The MAC server asks this under its own lock: it must not wait for the commit.
            CompletableFuture<UserDirectory.Entry> read = CompletableFuture.supplyAsync(() -> directory.find("carol"), threads);
            assertEquals("carol", read.get(5, TimeUnit.SECONDS).name());
        } finally {
            release.countDown();
            writer.get(10, TimeUnit.SECONDS);
            threads.shutdown();
        }
    }
}
