package macserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoginDialogTest {

    @Test
    void loginOptionsAreCutFromTheName() {
        assertEquals("admin", LoginDialog.userOf(" admin+ct80w "));
        assertEquals("admin", LoginDialog.userOf("admin"));
        assertEquals("+x", LoginDialog.userOf("+x"));
    }
}
