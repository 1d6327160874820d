package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LoginNameTest {

    @Test
    void nameWithoutOptions() {
        assertEquals(new LoginName("admin", ""), LoginName.parse("admin"));
    }

    @Test
    void optionsStartAtTheFirstPlus() {
        assertEquals(new LoginName("admin", "c80w"), LoginName.parse("admin+c80w"));
        assertEquals(new LoginName("admin", "c+t"), LoginName.parse("admin+c+t"));
        assertEquals(new LoginName("", "t"), LoginName.parse("+t"));
        assertEquals(new LoginName("admin", ""), LoginName.parse("admin+"));
    }

    @Test
    void partsMustNotBeNull() {
        assertThrows(IllegalArgumentException.class, () -> new LoginName(null, ""));
        assertThrows(IllegalArgumentException.class, () -> new LoginName("admin", null));
    }
}
