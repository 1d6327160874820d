/**
 * The configuration model: menus of typed properties, items, validation rules and change events.
 * Every plane (console, MAC-Telnet, REST, MQTT) reads and changes configuration only here.
 *
 * <h2>Threads and locks</h2>
 * <ul>
 * <li>{@link macserver.config.ConfigModel} has one read-write lock. {@code read} bodies run under
 *     the read lock and must only read; {@code write} runs a whole {@link macserver.config.Transaction}
 *     under the write lock: the body, the rules ({@link macserver.config.MenuRules}), the journal's
 *     append and the {@link macserver.config.ChangeListener}s all run while it is held, so a listener
 *     must only rebuild its own snapshot or queue work, never block or call back into a plane.</li>
 * <li>The write lock is released before the commit is waited for ({@code journal.awaitDurable}):
 *     the caller is told "done" only once the change is on flash, but readers go on meanwhile.</li>
 * <li>The data path never takes this lock. What it needs (server policies, the binding index) is
 *     kept in immutable snapshots rebuilt by listeners or in structures with their own lock-free
 *     readers ({@code menus.BindingTable}'s seqlock).</li>
 * </ul>
 *
 * <h2>Layers</h2>
 * Types ({@code *Type}) → {@link macserver.config.Property} → {@link macserver.config.Menu} (with its
 * rules) → {@link macserver.config.Schema} → {@link macserver.config.ConfigModel}. {@code menus} holds
 * the concrete menus of this firmware; {@link macserver.config.ConfigStorage} and
 * {@link macserver.config.RowCodec} connect the model to the flash store.
 *
 * <h2>Reading rows</h2>
 * A row is an {@code Object[]} in the order of its menu's stored properties. Code that reads one
 * property of one menu does it through a typed accessor beside that menu's definition, e.g.
 * {@code MacServerMenus.ServerRow.disabled(row)} or {@code SystemMenus.identity(model)}, built on a
 * {@link macserver.config.Slot} bound when the menu is built; never through a bare index nor
 * {@code row[menu.property("x").index()]} and a cast. Only code that works on every menu alike
 * (print, export, REST, events) goes by {@link macserver.config.Property}.
 */
package macserver.config;
