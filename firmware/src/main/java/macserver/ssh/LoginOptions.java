package macserver.ssh;

import macserver.console.TerminalSettings;

/**
 * RouterOS's console options after {@code +} in a login name ({@code admin+ct80w}, or
 * {@code admin+cetw511h4098} as netmiko logs in): {@code e} asks for a dumb terminal (no escape
 * sequences: what scripts scraping the output want), {@code <n>w} and {@code <n>h} set the width
 * and height (the number comes first, so netmiko's {@code w511h4098} sets a height of 511). The others
 * ({@code c} no colours, {@code t} no terminal detection, ...) are accepted and change nothing:
 * this console uses no colours and detects nothing.
 */
record LoginOptions(boolean dumb, int columns, int rows) {

    /** Options that are absent or unreadable count as not given (0 for a size). */
    static LoginOptions parse(String options) {
        boolean dumb = false;
        int columns = 0;
        int rows = 0;
        int start = 0;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (Character.isDigit(c)) {
                continue;
            }
            // A number stands before the letter it sets, as in 80w.
            String digits = options.substring(start, i);
            int n = !digits.isEmpty() && digits.length() <= 5 ? Integer.parseInt(digits) : 0;
            switch (c) {
                case 'e' -> dumb = true;
                case 'w' -> columns = n;
                case 'h' -> rows = n;
                default -> { }
            }
            start = i + 1;
        }
        return new LoginOptions(dumb, columns, rows);
    }

    /** {@code client} (what the pty request said) with these options applied over it. */
    TerminalSettings applyTo(TerminalSettings client) {
        return new TerminalSettings(dumb ? "dumb" : client.type(),
                columns > 0 && columns <= 10_000 ? columns : client.columns(),
                rows > 0 && rows <= 10_000 ? rows : client.rows());
    }
}
