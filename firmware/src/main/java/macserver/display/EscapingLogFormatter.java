package macserver.display;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The firmware's log line format (the {@code java.util.logging.SimpleFormatter.format} property)
 * with the message's control characters escaped, so that text from the wire inside a message (a
 * user name, a neighbour's identity) cannot end the line and forge another one, or drive the
 * terminal that shows the log.
 */
public final class EscapingLogFormatter extends SimpleFormatter {
    @Override
    public String formatMessage(LogRecord record) {
        return DisplayText.escape(super.formatMessage(record));
    }
}
