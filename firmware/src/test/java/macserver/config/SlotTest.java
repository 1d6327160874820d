package macserver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A slot reads the property of its name, and a build that would move it fails instead of reading a neighbour. */
class SlotTest {
    private static Menu menu(String... names) {
        Menu.Builder b = Menu.builder(Menu.Kind.LIST, "test");
        for (String n : names) {
            b.property(Property.of(n, BoolType.INSTANCE, false));
        }
        return b.build();
    }

    @Test
    void readsItsPropertyAndRebindsToTheSameIndex() {
        Slot<Boolean> b = Slot.of("b", Boolean.class);
        Slot.bind(menu("a", "b"), b);
        Slot.bind(menu("a", "b"), b);
        assertEquals(1, b.index());
        Object[] row = {false, true};
        assertTrue(b.isTrue(row));
        assertEquals(true, b.get(row));
        assertFalse(b.differs(row, new Object[] {true, true}));
        assertTrue(b.differs(row, new Object[] {false, null}));
    }

    @Test
    void aPropertyInsertedBeforeItFailsTheBuild() {
        Slot<Boolean> b = Slot.of("b", Boolean.class);
        Slot.bind(menu("a", "b"), b);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Slot.bind(menu("a", "new", "b"), b));
        assertTrue(e.getMessage().contains("moved from index 1 to 2"), e.getMessage());
        assertEquals(1, b.index());
    }

    @Test
    void aMissingOrComputedPropertyFailsTheBuild() {
        Menu m = Menu.builder(Menu.Kind.LIST, "test")
                .property(Property.of("a", BoolType.INSTANCE, false))
                .property(Property.computed("c", BoolType.INSTANCE, v -> true))
                .build();
        assertThrows(IllegalStateException.class, () -> Slot.bind(m, Slot.of("c", Boolean.class)));
        assertThrows(IllegalStateException.class, () -> Slot.bind(m, Slot.of("z", Boolean.class)));
    }
}
