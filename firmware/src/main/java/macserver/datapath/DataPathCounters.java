package macserver.datapath;

/**
 * Frame counts of one link or of the whole data path since open.
 *
 * @param received frames read from the socket (those the kernel filter passed; never our own)
 * @param handled frames decoded and passed to the handler
 * @param malformed frames dropped by the decoder (truncated, bad lengths or checksums, fragments, options)
 * @param handlerErrors handler calls that threw (the frame still counts as handled)
 * @param receiveErrors failed receive calls (e.g. ENETDOWN while the link was down)
 * @param sent frames transmitted
 * @param sendErrors send calls that failed, bad arguments included
 * @param kernelDrops frames the kernel dropped because the socket's buffer was full
 */
public record DataPathCounters(long received, long handled, long malformed, long handlerErrors, long receiveErrors,
        long sent, long sendErrors, long kernelDrops) {
    public static final DataPathCounters ZERO = new DataPathCounters(0, 0, 0, 0, 0, 0, 0, 0);

    public DataPathCounters plus(DataPathCounters o) {
        return new DataPathCounters(received + o.received, handled + o.handled, malformed + o.malformed,
                handlerErrors + o.handlerErrors, receiveErrors + o.receiveErrors, sent + o.sent,
                sendErrors + o.sendErrors, kernelDrops + o.kernelDrops);
    }
}
